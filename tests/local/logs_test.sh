# CloudWatch Logs with the real AWS CLI: groups (tags, retention), streams, put-log-events,
# get-log-events both ways, filter-log-events with a pattern across streams, Logs' own errors, and
# the state after a restart.
source "$(dirname "$0")/common.sh"
start_local

awsl logs create-log-group --log-group-name /hoplite/web --tags team=blue
expect_rc 0
awsl logs create-log-group --log-group-name /hoplite/web
[ "$RC" != 0 ] || fail "a second create-log-group was accepted"
expect_err_contains "ResourceAlreadyExistsException"
awsl logs put-retention-policy --log-group-name /hoplite/web --retention-in-days 7
expect_rc 0
awsl logs put-retention-policy --log-group-name /hoplite/web --retention-in-days 8
[ "$RC" != 0 ] || fail "a retention of 8 days was accepted"
expect_err_contains "Member must satisfy enum value set"
awsl logs describe-log-groups --log-group-name-prefix /hoplite
expect_rc 0
expect_json 'd["logGroups"][0]["logGroupName"]' /hoplite/web
expect_json 'd["logGroups"][0]["retentionInDays"]' 7
expect_json 'd["logGroups"][0]["arn"]' 'arn:aws:logs:us-east-1:000000000000:log-group:/hoplite/web:*'
awsl logs list-tags-log-group --log-group-name /hoplite/web
expect_rc 0
expect_json 'd["tags"]' "{'team': 'blue'}"

awsl logs create-log-stream --log-group-name /hoplite/web --log-stream-name task/app/1
expect_rc 0
awsl logs create-log-stream --log-group-name /hoplite/web --log-stream-name task/app/2
expect_rc 0
NOW="$(date +%s%3N)"
awsl logs put-log-events --log-group-name /hoplite/web --log-stream-name task/app/1 \
  --log-events "timestamp=$NOW,message=hello" "timestamp=$((NOW + 1)),message=ERROR disk full" \
  "timestamp=$((NOW + 2)),message=world"
expect_rc 0
expect_json '"rejectedLogEventsInfo" in d' False
awsl logs put-log-events --log-group-name /hoplite/web --log-stream-name task/app/2 \
  --log-events "timestamp=$((NOW + 5)),message=ERROR timeout"
expect_rc 0
awsl logs put-log-events --log-group-name /hoplite/web --log-stream-name task/app/2 \
  --log-events "timestamp=$((NOW + 9)),message=b" "timestamp=$((NOW + 8)),message=a"
[ "$RC" != 0 ] || fail "events out of order were accepted"
expect_err_contains "must be in chronological order"

awsl logs get-log-events --log-group-name /hoplite/web --log-stream-name task/app/1 --start-from-head
expect_rc 0
expect_json '[e["message"] for e in d["events"]]' "['hello', 'ERROR disk full', 'world']"
expect_json 'd["nextForwardToken"][:2]' 'f/'
expect_json 'd["events"][0]["timestamp"]' "$NOW"
# Newest first page (the default), then backwards with its token.
awsl logs get-log-events --log-group-name /hoplite/web --log-stream-name task/app/1 --limit 1
expect_rc 0
expect_json '[e["message"] for e in d["events"]]' "['world']"
BACK="$(json 'd["nextBackwardToken"]')"
awsl logs get-log-events --log-group-name /hoplite/web --log-stream-name task/app/1 --limit 2 --next-token "$BACK"
expect_rc 0
expect_json '[e["message"] for e in d["events"]]' "['hello', 'ERROR disk full']"

awsl logs filter-log-events --log-group-name /hoplite/web --filter-pattern ERROR
expect_rc 0
expect_json '[(e["logStreamName"], e["message"]) for e in d["events"]]' \
  "[('task/app/1', 'ERROR disk full'), ('task/app/2', 'ERROR timeout')]"
awsl logs filter-log-events --log-group-name /hoplite/web --log-stream-names task/app/1 \
  --start-time "$((NOW + 1))" --end-time "$((NOW + 3))"
expect_rc 0
expect_json '[e["message"] for e in d["events"]]' "['ERROR disk full', 'world']"
# The CLI follows nextToken itself (pages of 1 here).
awsl logs filter-log-events --log-group-name /hoplite/web --page-size 1
expect_rc 0
expect_json 'len(d["events"])' 4

awsl logs describe-log-streams --log-group-name /hoplite/web --order-by LastEventTime --descending
expect_rc 0
expect_json '[s["logStreamName"] for s in d["logStreams"]]' "['task/app/2', 'task/app/1']"
expect_json 'd["logStreams"][1]["lastEventTimestamp"]' "$((NOW + 2))"

awsl logs get-log-events --log-group-name /hoplite/web --log-stream-name nope
[ "$RC" != 0 ] || fail "a missing stream was read"
expect_err_contains "ResourceNotFoundException"

# Everything is in the state: a restart keeps it.
"$HOPLITE" local down --data-dir "$STATE" >/dev/null
start_local
awsl logs get-log-events --log-group-name /hoplite/web --log-stream-name task/app/2 --start-from-head
expect_rc 0
expect_json '[e["message"] for e in d["events"]]' "['ERROR timeout']"
awsl logs delete-log-group --log-group-name /hoplite/web
expect_rc 0
awsl logs describe-log-groups
expect_rc 0
expect_json 'd["logGroups"]' '[]'
echo "ok"
