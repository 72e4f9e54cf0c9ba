/**
 * What an adapter asks of AWS: per use (a group a function is granted as a whole), each SDK call the adapter
 * makes — a command class such as `PublishCommand`, or a signing helper such as `createPresignedPost` — and
 * the IAM actions that call is authorised by. Each adapter folder that calls AWS keeps its groups in an
 * `aws-calls.ts` next to its code; the CDK grants exactly these actions, and `test/cdk/permissions.test.ts`
 * checks them against the SDK calls in the folder's source and in every deployed bundle.
 */
export type AwsCallGroups = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
