# EventBridge with the real AWS CLI: put-rule (schedule and pattern), describe, list with a
# prefix (paged by the CLI), disable/enable, targets put, listed and removed, delete — and
# EventBridge's own errors.
source "$(dirname "$0")/common.sh"
start_local

awsl events put-rule --name nightly --schedule-expression 'cron(0 1 * * ? *)' --description "the nightly job"
expect_rc 0
expect_json 'd["RuleArn"]' 'arn:aws:events:us-east-1:000000000000:rule/nightly'
awsl events put-rule --name on-ec2 --event-pattern '{"source":["aws.ec2"]}' --state DISABLED
expect_rc 0
awsl events put-rule --name bad --schedule-expression 'rate(5 minute)'
[ "$RC" != 0 ] || fail "a bad schedule was accepted"
expect_err_contains "Parameter ScheduleExpression is not valid."

awsl events describe-rule --name nightly
expect_rc 0
expect_json 'd["ScheduleExpression"]' 'cron(0 1 * * ? *)'
expect_json 'd["State"]' ENABLED
expect_json 'd["EventBusName"]' default
expect_json 'd["CreatedBy"]' 000000000000
awsl events list-rules --name-prefix on- --page-size 1
expect_rc 0
expect_json '[r["Name"] for r in d["Rules"]]' "['on-ec2']"
awsl events list-rules --page-size 1
expect_rc 0
expect_json '[r["Name"] for r in d["Rules"]]' "['nightly', 'on-ec2']"
awsl events enable-rule --name on-ec2
expect_rc 0
awsl events describe-rule --name on-ec2
expect_json 'd["State"]' ENABLED

awsl events put-targets --rule nightly \
  --targets '[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:000000000000:q","Input":"{\"k\":1}"}]'
expect_rc 0
expect_json 'd["FailedEntryCount"]' 0
awsl events list-targets-by-rule --rule nightly
expect_rc 0
expect_json '[t["Id"] for t in d["Targets"]]' "['q']"
expect_json 'd["Targets"][0]["Input"]' '{"k":1}'
awsl events delete-rule --name nightly
[ "$RC" != 0 ] || fail "a rule with targets was deleted"
expect_err_contains "Rule can't be deleted since it has targets."
awsl events remove-targets --rule nightly --ids q
expect_rc 0
awsl events delete-rule --name nightly
expect_rc 0
awsl events describe-rule --name nightly
[ "$RC" != 0 ] || fail "a deleted rule is still described"
expect_err_contains "ResourceNotFoundException"
echo "events: ok"
