#!/usr/bin/env bash
# Creates klepp's AWS resources in LocalStack: the same names and wiring as the devstack
# (KleppResources.java) and the AWS template (infra/klepp.yaml). A test in deploy-tests runs this script
# against a recording stand-in for awslocal and compares what it creates with KleppResources.
#
# LocalStack runs every executable script in /etc/localstack/init/ready.d once its services are up, in
# alphabetical order, with awslocal on the PATH. The region is the container's AWS_DEFAULT_REGION.
set -euo pipefail

REGION="${AWS_DEFAULT_REGION:-eu-north-1}"
export AWS_DEFAULT_REGION="$REGION"

MEDIA_BUCKET=klepp-media
DERIVED_BUCKET=klepp-media-derived
UPLOADS_TOPIC=klepp-uploads
# Fed by the topic: each consumer of upload events has its own queue (SNS fan-out, raw delivery).
UPLOAD_SUBSCRIBER_QUEUES=(klepp-ingestor-uploads klepp-thumbnail-uploads klepp-rendition-uploads)
# Fed by the services themselves: the worker's results, and regeneration requests to the worker.
SERVICE_QUEUES=(klepp-media-events klepp-thumbnail-requests klepp-rendition-requests)
DEAD_LETTER_SUFFIX=-dlq
MAX_RECEIVE_COUNT=5
VISIBILITY_TIMEOUT_SECONDS=30
# Browsers PUT uploads straight to the media bucket, from whatever origin the frontend is served on.
CORS_ORIGIN="${KLEPP_CORS_ORIGIN:-*}"

# A JSON document as the string value of another JSON document's attribute.
json_string() {
  local escaped=${1//\\/\\\\}
  printf '"%s"' "${escaped//\"/\\\"}"
}

queue_arn() {
  awslocal sqs get-queue-attributes --queue-url "$1" --attribute-names QueueArn \
    --query Attributes.QueueArn --output text
}

# Creates the queue and its dead-letter queue; prints the queue's URL.
create_queue() {
  local name=$1 dead_letter_url dead_letter_arn redrive
  dead_letter_url=$(awslocal sqs create-queue --queue-name "$name$DEAD_LETTER_SUFFIX" \
    --attributes '{"MessageRetentionPeriod":"1209600"}' --query QueueUrl --output text)
  dead_letter_arn=$(queue_arn "$dead_letter_url")
  redrive=$(printf '{"deadLetterTargetArn":"%s","maxReceiveCount":"%s"}' "$dead_letter_arn" "$MAX_RECEIVE_COUNT")
  awslocal sqs create-queue --queue-name "$name" \
    --attributes "$(printf '{"VisibilityTimeout":"%s","RedrivePolicy":%s}' \
      "$VISIBILITY_TIMEOUT_SECONDS" "$(json_string "$redrive")")" \
    --query QueueUrl --output text
}

create_bucket() {
  # Outside us-east-1, S3 (and LocalStack, like it) wants the region named.
  if [ "$REGION" = us-east-1 ]; then
    awslocal s3api create-bucket --bucket "$1" >/dev/null
  else
    awslocal s3api create-bucket --bucket "$1" \
      --create-bucket-configuration "$(printf '{"LocationConstraint":"%s"}' "$REGION")" >/dev/null
  fi
}

for queue in "${SERVICE_QUEUES[@]}"; do
  create_queue "$queue" >/dev/null
done

topic_arn=$(awslocal sns create-topic --name "$UPLOADS_TOPIC" --query TopicArn --output text)
awslocal sns set-topic-attributes --topic-arn "$topic_arn" --attribute-name Policy --attribute-value "$(printf \
  '{"Version":"2012-10-17","Statement":[{"Sid":"MediaBucketPublishes","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"%s","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::%s"}}}]}' \
  "$topic_arn" "$MEDIA_BUCKET")"

for queue in "${UPLOAD_SUBSCRIBER_QUEUES[@]}"; do
  queue_url=$(create_queue "$queue")
  subscriber_arn=$(queue_arn "$queue_url")
  policy=$(printf \
    '{"Version":"2012-10-17","Statement":[{"Sid":"UploadsTopicSends","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}' \
    "$subscriber_arn" "$topic_arn")
  awslocal sqs set-queue-attributes --queue-url "$queue_url" \
    --attributes "$(printf '{"Policy":%s}' "$(json_string "$policy")")"
  # Raw delivery: the queue receives the S3 event JSON itself, not an SNS envelope around it.
  awslocal sns subscribe --topic-arn "$topic_arn" --protocol sqs --notification-endpoint "$subscriber_arn" \
    --attributes '{"RawMessageDelivery":"true"}' --query SubscriptionArn --output text >/dev/null
done

create_bucket "$MEDIA_BUCKET"
awslocal s3api put-bucket-cors --bucket "$MEDIA_BUCKET" --cors-configuration "$(printf \
  '{"CORSRules":[{"AllowedOrigins":["%s"],"AllowedMethods":["PUT","GET","HEAD"],"AllowedHeaders":["*"],"ExposeHeaders":["ETag"],"MaxAgeSeconds":3000}]}' \
  "$CORS_ORIGIN")"
awslocal s3api put-bucket-notification-configuration --bucket "$MEDIA_BUCKET" --notification-configuration "$(printf \
  '{"TopicConfigurations":[{"Id":"uploads","TopicArn":"%s","Events":["s3:ObjectCreated:*","s3:ObjectRemoved:*"]}]}' \
  "$topic_arn")"

# No notifications here: what the system writes itself must never come back as an upload (ADR 3).
create_bucket "$DERIVED_BUCKET"

echo "klepp: LocalStack resources ready in $REGION"
