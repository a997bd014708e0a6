// Runs state machines in aws-local-stepfunctions (pinned in package.json), the independent peer
// of hoplite's interpreter in tests/unit/sfn/differential_test.cpp and bench/local_sfn.
//
//   node run.mjs cases < cases.jsonl
//       each input line: {"id": ..., "definition": {...}, "input": <JSON>}
//       each output line: {"id": ..., "status": "SUCCEEDED", "output": <JSON>}
//                      or {"id": ..., "status": "FAILED", "error": "...", "cause": "..."}
//   node run.mjs bench DEFINITION.json INPUT.json RUNS
//       runs the machine RUNS times one after another, prints {"runs": n, "seconds": wall,
//       "cpuSeconds": user + system CPU of the process}
//
// Wait states are overridden to take no time. Only pure data-flow machines are run (no Task
// states: this version's Task code needs Node >= 22).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { StateMachine } from 'aws-local-stepfunctions';

function waitStates(definition, out = {}) {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    if (state.Type === 'Wait') out[name] = 0;
    for (const branch of state.Branches ?? []) waitStates(branch, out);
    if (state.ItemProcessor) waitStates(state.ItemProcessor, out);
    if (state.Iterator) waitStates(state.Iterator, out);
  }
  return out;
}

// Constructing a StateMachine validates the definition with asl-validator, which compiles its JSON
// schemas anew each time (~200 ms); one machine per distinct definition keeps the differential
// test at seconds instead of a minute and a half. A rejection is remembered the same way.
const machines = new Map();
function machineFor(definition) {
  const key = JSON.stringify(definition);
  if (!machines.has(key)) {
    try {
      machines.set(key, new StateMachine(definition, { validationOptions: { checkArn: false } }));
    } catch (e) {
      machines.set(key, e);
    }
  }
  const machine = machines.get(key);
  if (machine instanceof Error) throw machine;
  return machine;
}

async function runOne(definition, input) {
  const machine = machineFor(definition);
  const execution = machine.run(input, { overrides: { waitTimeOverrides: waitStates(definition) } });
  try {
    return { status: 'SUCCEEDED', output: await execution.result };
  } catch (e) {
    const cause = e.cause ?? {};
    return { status: 'FAILED', error: cause.name ?? e.name, cause: cause.message ?? e.message };
  }
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'cases') {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const { id, definition, input } = JSON.parse(line);
    let result;
    try {
      result = await runOne(definition, input);
    } catch (e) {
      result = { status: 'REJECTED', error: e.name, cause: e.message };
    }
    process.stdout.write(JSON.stringify({ id, ...result }) + '\n');
  }
} else if (mode === 'bench') {
  const definition = JSON.parse(readFileSync(args[0], 'utf8'));
  const input = JSON.parse(readFileSync(args[1], 'utf8'));
  const runs = Number(args[2] ?? 1000);
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
  for (let i = 0; i < Math.min(100, runs); ++i) await machine.run(input).result;  // warm-up
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < runs; ++i) await machine.run(input).result;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(JSON.stringify({ runs, seconds, cpuSeconds }) + '\n');
} else {
  process.stderr.write('usage: node run.mjs cases < cases.jsonl | node run.mjs bench DEFINITION INPUT RUNS\n');
  process.exit(2);
}
