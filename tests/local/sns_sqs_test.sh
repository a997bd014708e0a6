# SQS and SNS with the real AWS CLI: queues and attributes, send/receive/delete (with message
# attributes and the MD5s the CLI reads), batches, visibility, and `sns publish` → `sqs
# receive-message` in AWS's envelope and with raw delivery; the state after a restart.
source "$(dirname "$0")/common.sh"
start_local

awsl sqs create-queue --queue-name inbox --attributes VisibilityTimeout=60
expect_rc 0
QUEUE="$(json 'd["QueueUrl"]')"
[ "$QUEUE" = "$ENDPOINT/000000000000/inbox" ] || fail "queue URL is $QUEUE"
awsl sqs get-queue-attributes --queue-url "$QUEUE" --attribute-names QueueArn VisibilityTimeout
expect_rc 0
expect_json 'd["Attributes"]["QueueArn"]' arn:aws:sqs:us-east-1:000000000000:inbox
expect_json 'd["Attributes"]["VisibilityTimeout"]' 60
awsl sqs get-queue-url --queue-name inbox
expect_rc 0
expect_json 'd["QueueUrl"]' "$QUEUE"
awsl sqs get-queue-url --queue-name nope
[ "$RC" != 0 ] || fail "a missing queue was found"
expect_err_contains "AWS.SimpleQueueService.NonExistentQueue"

awsl sqs send-message --queue-url "$QUEUE" --message-body "hello" \
  --message-attributes '{"stage":{"DataType":"String","StringValue":"prod"}}'
expect_rc 0
expect_json 'd["MD5OfMessageBody"]' 5d41402abc4b2a76b9719d911017c592
awsl sqs receive-message --queue-url "$QUEUE" --message-attribute-names All --attribute-names All
expect_rc 0
expect_json 'd["Messages"][0]["Body"]' hello
expect_json 'd["Messages"][0]["MessageAttributes"]["stage"]["StringValue"]' prod
expect_json 'd["Messages"][0]["Attributes"]["ApproximateReceiveCount"]' 1
HANDLE="$(json 'd["Messages"][0]["ReceiptHandle"]')"
awsl sqs receive-message --queue-url "$QUEUE"
expect_rc 0
# In flight: nothing to receive (the CLI prints nothing for an empty result).
[ ! -s "$TMP/out" ] || [ "$(json '"Messages" in d')" = False ] || fail "an in-flight message was received again"
awsl sqs delete-message --queue-url "$QUEUE" --receipt-handle "$HANDLE"
expect_rc 0
awsl sqs send-message-batch --queue-url "$QUEUE" --entries Id=a,MessageBody=one Id=b,MessageBody=two
expect_rc 0
expect_json 'sorted(e["Id"] for e in d["Successful"])' "['a', 'b']"
awsl sqs receive-message --queue-url "$QUEUE" --max-number-of-messages 10
expect_rc 0
expect_json 'sorted(m["Body"] for m in d["Messages"])' "['one', 'two']"
awsl sqs purge-queue --queue-url "$QUEUE"
expect_rc 0

awsl sns create-topic --name events
expect_rc 0
TOPIC="$(json 'd["TopicArn"]')"
[ "$TOPIC" = arn:aws:sns:us-east-1:000000000000:events ] || fail "topic ARN is $TOPIC"
awsl sns subscribe --topic-arn "$TOPIC" --protocol sqs --notification-endpoint arn:aws:sqs:us-east-1:000000000000:inbox
expect_rc 0
SUB="$(json 'd["SubscriptionArn"]')"
awsl sns subscribe --topic-arn "$TOPIC" --protocol email --notification-endpoint ops@example.com
expect_rc 0
expect_json 'd["SubscriptionArn"]' "pending confirmation"
awsl sns publish --topic-arn "$TOPIC" --subject release --message deployed \
  --message-attributes '{"stage":{"DataType":"String","StringValue":"prod"}}'
expect_rc 0
MESSAGE_ID="$(json 'd["MessageId"]')"
awsl sqs receive-message --queue-url "$QUEUE" --wait-time-seconds 5
expect_rc 0
expect_json 'json.loads(d["Messages"][0]["Body"])["Message"]' deployed
expect_json 'json.loads(d["Messages"][0]["Body"])["Type"]' Notification
expect_json 'json.loads(d["Messages"][0]["Body"])["MessageId"]' "$MESSAGE_ID"
expect_json 'json.loads(d["Messages"][0]["Body"])["Subject"]' release
expect_json 'json.loads(d["Messages"][0]["Body"])["MessageAttributes"]["stage"]["Value"]' prod
HANDLE="$(json 'd["Messages"][0]["ReceiptHandle"]')"
awsl sqs delete-message --queue-url "$QUEUE" --receipt-handle "$HANDLE"
expect_rc 0

awsl sns set-subscription-attributes --subscription-arn "$SUB" --attribute-name RawMessageDelivery --attribute-value true
expect_rc 0
awsl sns publish --topic-arn "$TOPIC" --message "raw body" \
  --message-attributes '{"stage":{"DataType":"String","StringValue":"dev"}}'
expect_rc 0
awsl sqs receive-message --queue-url "$QUEUE" --message-attribute-names All --wait-time-seconds 5
expect_rc 0
expect_json 'd["Messages"][0]["Body"]' "raw body"
expect_json 'd["Messages"][0]["MessageAttributes"]["stage"]["StringValue"]' dev

awsl sns list-subscriptions-by-topic --topic-arn "$TOPIC"
expect_rc 0
expect_json 'sorted(s["Protocol"] for s in d["Subscriptions"])' "['email', 'sqs']"
awsl sns get-topic-attributes --topic-arn "$TOPIC"
expect_rc 0
expect_json 'd["Attributes"]["SubscriptionsConfirmed"]' 1
expect_json 'd["Attributes"]["SubscriptionsPending"]' 1
awsl sns publish --topic-arn arn:aws:sns:us-east-1:000000000000:nope --message x
[ "$RC" != 0 ] || fail "a publish to a missing topic was accepted"
expect_err_contains "NotFound"

# The published messages are on the inspection page, and everything survives a restart.
curl -sf "$ENDPOINT/_hoplite/" | python3 -c "
import json,sys; d=json.load(sys.stdin)
msgs=d['services']['sns']['000000000000']['topics']['us-east-1']['events']['messages']
assert [m['message'] for m in msgs] == ['raw body', 'deployed'], msgs" || fail "the inspection page lacks the messages"
"$HOPLITE" local down --data-dir "$STATE" >/dev/null
start_local
awsl sns list-topics
expect_rc 0
expect_json '[t["TopicArn"] for t in d["Topics"]]' "['$TOPIC']"
awsl sqs send-message --queue-url "$ENDPOINT/000000000000/inbox" --message-body after
expect_rc 0
awsl sqs delete-queue --queue-url "$ENDPOINT/000000000000/inbox"
expect_rc 0
awsl sns delete-topic --topic-arn "$TOPIC"
expect_rc 0
echo "ok"
