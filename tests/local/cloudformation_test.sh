# CloudFormation with the real AWS CLI: create-stack of SSM parameters + the CLI's own waiter,
# describe-stack-events (every resource IN_PROGRESS -> COMPLETE), outputs and exports, the
# parameters in SSM, validate-template, a change set, `deploy`, a TemplateURL in the local S3,
# delete-stack + waiter — nothing left.
source "$(dirname "$0")/common.sh"
start_local

cat >"$TMP/stack.json" <<'JSON'
{
  "Parameters": {"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}},
  "Resources": {
    "Root": {"Type": "AWS::SSM::Parameter",
             "Properties": {"Name": {"Fn::Sub": "/${Env}/root"}, "Type": "String", "Value": "r"}},
    "Child": {"Type": "AWS::SSM::Parameter",
              "Properties": {"Type": "String", "Value": {"Fn::Join": ["/", [{"Ref": "Root"}, "child"]]}}},
    "Other": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "independent"}}
  },
  "Outputs": {
    "ChildName": {"Value": {"Ref": "Child"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-child"}}},
    "RootValue": {"Value": {"Fn::GetAtt": ["Root", "Value"]}}
  }
}
JSON

awsl cloudformation validate-template --template-body "file://$TMP/stack.json"
expect_rc 0
expect_json '[p["ParameterKey"] for p in d["Parameters"]]' "['Env']"

awsl cloudformation create-stack --stack-name params --template-body "file://$TMP/stack.json" \
  --parameters ParameterKey=Env,ParameterValue=qa
[ "$RC" != 0 ] || fail "a value outside AllowedValues was accepted"
expect_err_contains "ValidationError"

awsl cloudformation create-stack --stack-name params --template-body "file://$TMP/stack.json" \
  --parameters ParameterKey=Env,ParameterValue=dev --tags Key=team,Value=blue
expect_rc 0
STACK_ID="$(json 'd["StackId"]')"
awsl cloudformation wait stack-create-complete --stack-name params
expect_rc 0
awsl cloudformation describe-stacks --stack-name params
expect_rc 0
expect_json 'd["Stacks"][0]["StackStatus"]' CREATE_COMPLETE
expect_json 'd["Stacks"][0]["Tags"]' "[{'Key': 'team', 'Value': 'blue'}]"
expect_json 'sorted(o["OutputKey"] for o in d["Stacks"][0]["Outputs"])' "['ChildName', 'RootValue']"
expect_json '[o["OutputValue"] for o in d["Stacks"][0]["Outputs"] if o["OutputKey"] == "RootValue"]' "['r']"
CHILD="$(json '[o["OutputValue"] for o in d["Stacks"][0]["Outputs"] if o["OutputKey"] == "ChildName"][0]')"

awsl cloudformation describe-stack-events --stack-name params
expect_rc 0
for r in Root Child Other; do
  expect_json "[e['ResourceStatus'] for e in d['StackEvents'] if e['LogicalResourceId'] == '$r'][::-1]" \
    "['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE']"
done
expect_json 'd["StackEvents"][0]["ResourceStatus"]' CREATE_COMPLETE
expect_json 'd["StackEvents"][-1]["ResourceStatusReason"]' 'User Initiated'

awsl ssm get-parameter --name "$CHILD"
expect_rc 0
expect_json 'd["Parameter"]["Value"]' /dev/root/child
awsl cloudformation list-exports
expect_rc 0
expect_json '[e["Name"] for e in d["Exports"]]' "['params-child']"
awsl cloudformation list-stack-resources --stack-name params
expect_rc 0
expect_json 'sorted(r["LogicalResourceId"] for r in d["StackResourceSummaries"])' "['Child', 'Other', 'Root']"

# A change set that renames Root (Name is Immutable): Replacement True; Child's Value follows
# (Mutable: updated in place). Then executed.
sed 's|/${Env}/root|/${Env}/root2|' "$TMP/stack.json" >"$TMP/stack2.json"
awsl cloudformation create-change-set --stack-name params --change-set-name rename \
  --template-body "file://$TMP/stack2.json" --parameters ParameterKey=Env,UsePreviousValue=true
expect_rc 0
awsl cloudformation wait change-set-create-complete --stack-name params --change-set-name rename
expect_rc 0
awsl cloudformation describe-change-set --stack-name params --change-set-name rename
expect_rc 0
expect_json '[(c["ResourceChange"]["LogicalResourceId"], c["ResourceChange"]["Replacement"]) for c in d["Changes"]]' \
  "[('Child', 'False'), ('Root', 'True')]"
awsl cloudformation execute-change-set --stack-name params --change-set-name rename
expect_rc 0
awsl cloudformation wait stack-update-complete --stack-name params
expect_rc 0
awsl ssm get-parameter --name /dev/root
[ "$RC" != 0 ] || fail "the replaced parameter is still there"
awsl ssm get-parameter --name /dev/root2
expect_rc 0

awsl cloudformation update-stack --stack-name params --template-body "file://$TMP/stack2.json" \
  --parameters ParameterKey=Env,UsePreviousValue=true --tags Key=team,Value=blue
[ "$RC" != 0 ] || fail "an update without changes was accepted"
expect_err_contains "No updates are to be performed."

# `deploy` (change sets underneath) of a second stack.
awsl cloudformation deploy --stack-name deployed --template-file "$TMP/stack.json" --parameter-overrides Env=prod
expect_rc 0
awsl ssm get-parameter --name /prod/root
expect_rc 0

# A template in S3: create-stack --template-url with S3's own URL form, read from the local S3.
# (`deploy --s3-bucket` would upload it itself, but Debian's CLI 2.9 cannot aim its S3 client at
# another endpoint.)
awsl s3 mb s3://cfn-templates
expect_rc 0
awsl s3 cp "$TMP/stack.json" s3://cfn-templates/stacks/params.json
expect_rc 0
awsl cloudformation create-stack --stack-name through-s3 --parameters ParameterKey=Env,ParameterValue=dev \
  --template-url https://cfn-templates.s3.us-east-1.amazonaws.com/stacks/params.json
expect_rc 0
awsl cloudformation wait stack-create-complete --stack-name through-s3
expect_rc 0
awsl cloudformation create-stack --stack-name nowhere --template-url https://example.com/stack.json
[ "$RC" != 0 ] || fail "a TemplateURL outside S3 was accepted"
expect_err_contains "TemplateURL must be a supported URL."
awsl ssm get-parameter --name /dev/root
expect_rc 0
awsl cloudformation get-template --stack-name through-s3
expect_rc 0
expect_json 'sorted(d["TemplateBody"]["Resources"])' "['Child', 'Other', 'Root']"

for s in params deployed through-s3; do
  awsl cloudformation delete-stack --stack-name "$s"
  expect_rc 0
done
for s in params deployed through-s3; do
  awsl cloudformation wait stack-delete-complete --stack-name "$s"
  expect_rc 0
done
awsl cloudformation describe-stacks --stack-name "$STACK_ID"
expect_rc 0
expect_json 'd["Stacks"][0]["StackStatus"]' DELETE_COMPLETE
awsl ssm describe-parameters
expect_rc 0
expect_json 'd["Parameters"]' '[]'
awsl cloudformation describe-stacks --stack-name params
[ "$RC" != 0 ] || fail "a deleted stack is still found by name"
expect_err_contains "Stack with id params does not exist"
echo "PASS: cloudformation"
