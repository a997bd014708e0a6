# SSM Parameter Store with the real AWS CLI: put (String, StringList, SecureString), overwrite,
# get (by name, by version, decrypted or not), get-parameters, by path (recursive, paged by the
# CLI), describe with filters, history, tags, delete — and SSM's own errors.
source "$(dirname "$0")/common.sh"
start_local

awsl ssm put-parameter --name /app/db/host --value db1.internal --type String --description "the database"
expect_rc 0
expect_json 'd["Version"]' 1
expect_json 'd["Tier"]' Standard
awsl ssm put-parameter --name /app/db/host --value db2.internal --type String
[ "$RC" != 0 ] || fail "a second put without --overwrite was accepted"
expect_err_contains "ParameterAlreadyExists"
awsl ssm put-parameter --name /app/db/host --value db2.internal --overwrite
expect_rc 0
expect_json 'd["Version"]' 2
awsl ssm put-parameter --name /app/db/password --value 's3cr3t!' --type SecureString
expect_rc 0
awsl ssm put-parameter --name /app/zones --value 'a,b,c' --type StringList --tags Key=team,Value=blue
expect_rc 0
for i in 1 2 3; do
  awsl ssm put-parameter --name "/app/feature/f$i" --value "on" --type String
  expect_rc 0
done

awsl ssm get-parameter --name /app/db/host
expect_rc 0
expect_json 'd["Parameter"]["Value"]' db2.internal
expect_json 'd["Parameter"]["Version"]' 2
expect_json 'd["Parameter"]["ARN"]' 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/host'
awsl ssm get-parameter --name /app/db/host:1
expect_rc 0
expect_json 'd["Parameter"]["Value"]' db1.internal
expect_json 'd["Parameter"]["Selector"]' ':1'
awsl ssm get-parameter --name /app/db/password
expect_rc 0
expect_json 'd["Parameter"]["Value"] != "s3cr3t!"' True
awsl ssm get-parameter --name /app/db/password --with-decryption
expect_rc 0
expect_json 'd["Parameter"]["Value"]' 's3cr3t!'
awsl ssm get-parameters --names /app/zones /app/nope
expect_rc 0
expect_json 'd["Parameters"][0]["Value"]' 'a,b,c'
expect_json 'd["InvalidParameters"]' "['/app/nope']"

# The CLI follows NextToken itself (pages of 2 here).
awsl ssm get-parameters-by-path --path /app/feature --page-size 2
expect_rc 0
expect_json '[p["Name"] for p in d["Parameters"]]' "['/app/feature/f1', '/app/feature/f2', '/app/feature/f3']"
awsl ssm get-parameters-by-path --path /app --recursive --query 'Parameters[].Name'
expect_rc 0
expect_json 'len(d)' 6
awsl ssm get-parameters-by-path --path /app
expect_rc 0
expect_json 'len(d["Parameters"])' 1

awsl ssm describe-parameters --parameter-filters Key=Type,Values=SecureString
expect_rc 0
expect_json '[p["Name"] for p in d["Parameters"]]' "['/app/db/password']"
expect_json 'd["Parameters"][0]["KeyId"]' alias/aws/ssm
awsl ssm describe-parameters --parameter-filters Key=tag:team,Values=blue
expect_rc 0
expect_json '[p["Name"] for p in d["Parameters"]]' "['/app/zones']"
awsl ssm describe-parameters --page-size 4
expect_rc 0
expect_json 'len(d["Parameters"])' 6

awsl ssm get-parameter-history --name /app/db/host
expect_rc 0
expect_json '[p["Value"] for p in d["Parameters"]]' "['db1.internal', 'db2.internal']"
expect_json 'd["Parameters"][1]["Description"]' 'the database'

awsl ssm add-tags-to-resource --resource-type Parameter --resource-id /app/db/host --tags Key=owner,Value=ops
expect_rc 0
awsl ssm list-tags-for-resource --resource-type Parameter --resource-id /app/db/host
expect_rc 0
expect_json 'd["TagList"]' "[{'Key': 'owner', 'Value': 'ops'}]"

awsl ssm delete-parameter --name /app/db/host
expect_rc 0
awsl ssm get-parameter --name /app/db/host
[ "$RC" != 0 ] || fail "a deleted parameter was found"
expect_err_contains "ParameterNotFound"
awsl ssm delete-parameters --names /app/zones /app/gone
expect_rc 0
expect_json 'd["DeletedParameters"]' "['/app/zones']"
expect_json 'd["InvalidParameters"]' "['/app/gone']"

awsl ssm put-parameter --name app/no-slash --value x --type String
[ "$RC" != 0 ] || fail "an unqualified path was accepted"
expect_err_contains "Parameter name must be a fully qualified name"
awsl ssm get-parameters-by-path --path /app --next-token garbage
[ "$RC" != 0 ] || fail "a forged token was accepted"
expect_err_contains "InvalidNextToken"

# Everything is in the state: a restart keeps it.
"$HOPLITE" local down --data-dir "$STATE" >/dev/null
start_local
awsl ssm get-parameter --name /app/db/password --with-decryption
expect_rc 0
expect_json 'd["Parameter"]["Value"]' 's3cr3t!'
echo "ok"
