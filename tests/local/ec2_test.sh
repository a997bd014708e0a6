# EC2 networking with the real AWS CLI: zones, a VPC with its main route table and default security
# group, subnets (CIDR rules), an internet gateway with a route, a security group rule, tags and
# filters, DependencyViolation, and the state after a restart.
source "$(dirname "$0")/common.sh"
start_local

awsl ec2 describe-availability-zones
expect_rc 0
expect_json '[z["ZoneName"] for z in d["AvailabilityZones"]][:2]' "['us-east-1a', 'us-east-1b']"
REGION=eu-west-1 awsl ec2 describe-availability-zones --query 'AvailabilityZones[].ZoneName'
expect_rc 0
expect_json 'd' "['eu-west-1a', 'eu-west-1b', 'eu-west-1c']"

awsl ec2 create-vpc --cidr-block 10.0.0.0/16 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=app}]'
expect_rc 0
VPC="$(json 'd["Vpc"]["VpcId"]')"
expect_json 'd["Vpc"]["CidrBlock"]' 10.0.0.0/16
expect_json 'd["Vpc"]["Tags"]' "[{'Key': 'Name', 'Value': 'app'}]"
awsl ec2 create-vpc --cidr-block 10.0.0.0/8
[ "$RC" != 0 ] || fail "a /8 VPC was accepted"
expect_err_contains "InvalidVpc.Range"
awsl ec2 describe-vpcs --filters Name=tag:Name,Values=app
expect_rc 0
expect_json '[v["VpcId"] for v in d["Vpcs"]]' "['$VPC']"
awsl ec2 modify-vpc-attribute --vpc-id "$VPC" --enable-dns-hostnames '{"Value":true}'
expect_rc 0
awsl ec2 describe-vpc-attribute --vpc-id "$VPC" --attribute enableDnsHostnames
expect_rc 0
expect_json 'd["EnableDnsHostnames"]["Value"]' True

awsl ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.0.1.0/24 --availability-zone us-east-1a
expect_rc 0
SUBNET="$(json 'd["Subnet"]["SubnetId"]')"
expect_json 'd["Subnet"]["AvailableIpAddressCount"]' 251
awsl ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.0.1.0/25
[ "$RC" != 0 ] || fail "an overlapping subnet was accepted"
expect_err_contains "InvalidSubnet.Conflict"
awsl ec2 modify-subnet-attribute --subnet-id "$SUBNET" --map-public-ip-on-launch
expect_rc 0
awsl ec2 describe-subnets --filters "Name=vpc-id,Values=$VPC"
expect_rc 0
expect_json '[(s["SubnetId"], s["MapPublicIpOnLaunch"], s["AvailabilityZone"]) for s in d["Subnets"]]' \
  "[('$SUBNET', True, 'us-east-1a')]"

awsl ec2 create-internet-gateway
expect_rc 0
IGW="$(json 'd["InternetGateway"]["InternetGatewayId"]')"
awsl ec2 attach-internet-gateway --internet-gateway-id "$IGW" --vpc-id "$VPC"
expect_rc 0
awsl ec2 create-route-table --vpc-id "$VPC"
expect_rc 0
RTB="$(json 'd["RouteTable"]["RouteTableId"]')"
awsl ec2 create-route --route-table-id "$RTB" --destination-cidr-block 0.0.0.0/0 --gateway-id "$IGW"
expect_rc 0
awsl ec2 associate-route-table --route-table-id "$RTB" --subnet-id "$SUBNET"
expect_rc 0
ASSOC="$(json 'd["AssociationId"]')"
awsl ec2 describe-route-tables --filters "Name=vpc-id,Values=$VPC" "Name=association.main,Values=false"
expect_rc 0
expect_json '[r["DestinationCidrBlock"] for r in d["RouteTables"][0]["Routes"]]' "['10.0.0.0/16', '0.0.0.0/0']"
expect_json 'd["RouteTables"][0]["Associations"][0]["SubnetId"]' "$SUBNET"

awsl ec2 create-security-group --group-name web --description "web servers" --vpc-id "$VPC"
expect_rc 0
SG="$(json 'd["GroupId"]')"
awsl ec2 authorize-security-group-ingress --group-id "$SG" --protocol tcp --port 443 --cidr 0.0.0.0/0
expect_rc 0
awsl ec2 authorize-security-group-ingress --group-id "$SG" --protocol tcp --port 443 --cidr 0.0.0.0/0
[ "$RC" != 0 ] || fail "a duplicate rule was accepted"
expect_err_contains "InvalidPermission.Duplicate"
awsl ec2 describe-security-groups --group-ids "$SG"
expect_rc 0
expect_json '[(p["IpProtocol"], p["FromPort"], p["IpRanges"][0]["CidrIp"]) for p in d["SecurityGroups"][0]["IpPermissions"]]' \
  "[('tcp', 443, '0.0.0.0/0')]"
awsl ec2 create-tags --resources "$SG" "$SUBNET" --tags Key=team,Value=blue
expect_rc 0
awsl ec2 describe-security-groups --filters Name=tag:team,Values=blue --query 'SecurityGroups[].GroupName'
expect_rc 0
expect_json 'd' "['web']"

awsl ec2 delete-vpc --vpc-id "$VPC"
[ "$RC" != 0 ] || fail "a VPC with dependencies was deleted"
expect_err_contains "DependencyViolation"

# A restart keeps everything; then take it apart in dependency order.
"$HOPLITE" local down --data-dir "$STATE" >/dev/null
start_local
awsl ec2 describe-subnets --subnet-ids "$SUBNET"
expect_rc 0
expect_json 'd["Subnets"][0]["Tags"]' "[{'Key': 'team', 'Value': 'blue'}]"
awsl ec2 delete-security-group --group-id "$SG"
expect_rc 0
awsl ec2 disassociate-route-table --association-id "$ASSOC"
expect_rc 0
awsl ec2 delete-route-table --route-table-id "$RTB"
expect_rc 0
awsl ec2 detach-internet-gateway --internet-gateway-id "$IGW" --vpc-id "$VPC"
expect_rc 0
awsl ec2 delete-internet-gateway --internet-gateway-id "$IGW"
expect_rc 0
awsl ec2 delete-subnet --subnet-id "$SUBNET"
expect_rc 0
awsl ec2 delete-vpc --vpc-id "$VPC"
expect_rc 0
awsl ec2 describe-vpcs --filters Name=is-default,Values=false
expect_rc 0
expect_json 'd["Vpcs"]' '[]'
# The region's default VPC is still there (172.31.0.0/16, one default subnet per zone).
awsl ec2 describe-vpcs --filters Name=is-default,Values=true
expect_rc 0
expect_json 'd["Vpcs"][0]["CidrBlock"]' 172.31.0.0/16
echo "ok"
