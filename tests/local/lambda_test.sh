# Lambda with the real AWS CLI: create-function from a zip (fileb://) with a role the local IAM has,
# get/list/update/delete, Lambda's errors (role Lambda cannot assume, a taken name, a missing
# function), and invoke refused: functions are stored, not run.
source "$(dirname "$0")/common.sh"
start_local

cat >"$TMP/trust.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
JSON
python3 - "$TMP/code.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("index.py", "def handler(event, context):\n    return 1\n")
PY
CODE_SHA=$(python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha256(open(sys.argv[1],"rb").read()).digest()).decode())' "$TMP/code.zip")

awsl iam create-role --role-name fn-role --assume-role-policy-document "file://$TMP/trust.json"
expect_rc 0

awsl lambda create-function --function-name hello --runtime python3.12 --handler index.handler \
  --role arn:aws:iam::000000000000:role/fn-role --zip-file "fileb://$TMP/code.zip" \
  --environment 'Variables={MODE=fast}' --tags team=a
expect_rc 0
expect_json 'd["FunctionArn"]' arn:aws:lambda:us-east-1:000000000000:function:hello
expect_json 'd["CodeSha256"]' "$CODE_SHA"
expect_json 'd["State"]' Active
expect_json 'd["Version"]' '$LATEST'
awsl lambda create-function --function-name hello --runtime python3.12 --handler index.handler \
  --role arn:aws:iam::000000000000:role/fn-role --zip-file "fileb://$TMP/code.zip"
[ "$RC" != 0 ] || fail "a second function of the same name was created"
expect_err_contains "ResourceConflictException"
awsl lambda create-function --function-name other --runtime python3.12 --handler index.handler \
  --role arn:aws:iam::000000000000:role/missing --zip-file "fileb://$TMP/code.zip"
[ "$RC" != 0 ] || fail "a function with a missing role was created"
expect_err_contains "The role defined for the function cannot be assumed by Lambda."

awsl lambda get-function --function-name hello
expect_rc 0
expect_json 'd["Configuration"]["Environment"]["Variables"]["MODE"]' fast
expect_json 'd["Tags"]["team"]' a
awsl lambda get-function --function-name arn:aws:lambda:us-east-1:000000000000:function:hello
expect_rc 0
awsl lambda list-functions
expect_rc 0
expect_json '[f["FunctionName"] for f in d["Functions"]]' "['hello']"

awsl lambda update-function-configuration --function-name hello --memory-size 512 --timeout 30
expect_rc 0
expect_json 'd["MemorySize"]' 512
awsl lambda update-function-code --function-name hello --zip-file "fileb://$TMP/code.zip"
expect_rc 0
expect_json 'd["Timeout"]' 30

awsl lambda invoke --function-name hello "$TMP/out.json"
[ "$RC" != 0 ] || fail "invoke ran a function"
expect_err_contains "does not run them"

awsl lambda delete-function --function-name hello
expect_rc 0
awsl lambda get-function --function-name hello
[ "$RC" != 0 ] || fail "a deleted function was found"
expect_err_contains "ResourceNotFoundException"
echo "ok"
