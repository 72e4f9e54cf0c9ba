/**
 * The synthesized template as AWS would see it after deployment: every `Ref`, `Fn::GetAtt`, `Fn::Join`,
 * `Fn::Sub`, `Fn::Select` and `Fn::Split` resolved to a concrete, made-up physical name or ARN in a fixed
 * account and region, so IAM policies can be evaluated against the ARNs the functions really call.
 */
export const ACCOUNT = '111122223333';
export const REGION = 'eu-central-1';

/** A value of the parsed template, read by property paths with optional chaining. */
// biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template is untyped JSON; the tests read it by path.
export type Loose = any;

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

type Json = unknown;

export class ResolvedTemplate {
  constructor(readonly template: CfnTemplate) {}

  get resources(): [string, CfnResource][] {
    return Object.entries(this.template.Resources);
  }

  ofType(type: string): [string, CfnResource][] {
    return this.resources.filter(([, r]) => r.Type === type);
  }

  resource(logicalId: string): CfnResource {
    const found = this.template.Resources[logicalId];
    if (!found) throw new Error(`No resource ${logicalId} in the template`);
    return found;
  }

  /** The physical name or id `{ Ref }` gives for a resource. */
  ref(logicalId: string): string {
    const r = this.resource(logicalId);
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::S3::Bucket':
        return (p.BucketName as string | undefined) ?? logicalId.toLowerCase();
      case 'AWS::SecretsManager::Secret':
        return `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${logicalId}-AbCdEf`;
      case 'AWS::SQS::Queue':
        return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${logicalId}`;
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${REGION}:${ACCOUNT}:${logicalId}`;
      case 'AWS::Logs::LogGroup':
        return p.LogGroupName === undefined ? logicalId : String(this.resolve(p.LogGroupName));
      case 'AWS::Lambda::Function':
        return (p.FunctionName as string | undefined) ?? logicalId;
      default:
        return logicalId;
    }
  }

  /** The value `{ Fn::GetAtt: [logicalId, attribute] }` gives. */
  getAtt(logicalId: string, attribute: string): string {
    const r = this.resource(logicalId);
    const name = this.ref(logicalId);
    const arn: Record<string, () => string> = {
      'AWS::DynamoDB::GlobalTable': () => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
      'AWS::DynamoDB::Table': () => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
      'AWS::S3::Bucket': () => `arn:aws:s3:::${name}`,
      'AWS::KMS::Key': () => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${name}`,
      'AWS::Lambda::Function': () => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
      'AWS::SQS::Queue': () => `arn:aws:sqs:${REGION}:${ACCOUNT}:${logicalId}`,
      'AWS::SNS::Topic': () => name,
      'AWS::Logs::LogGroup': () => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`,
      'AWS::IAM::Role': () => `arn:aws:iam::${ACCOUNT}:role/${name}`,
      'AWS::SecretsManager::Secret': () => name,
    };
    if (attribute === 'Arn' || attribute === 'TopicArn') {
      const make = arn[r.Type];
      if (make) return make();
    }
    if (attribute === 'QueueName') return logicalId;
    if (attribute === 'ApiEndpoint')
      return `https://${logicalId.toLowerCase()}.execute-api.${REGION}.amazonaws.com`;
    return `${logicalId}.${attribute}`;
  }

  /** Resolves intrinsic functions anywhere in a value. */
  resolve(value: Json): Json {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const o = value as Record<string, Json>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const arg = o[key];
      if (key === 'Ref') return this.pseudo(arg as string) ?? this.ref(arg as string);
      if (key === 'Fn::GetAtt') {
        const [id, attr] = (typeof arg === 'string' ? arg.split('.') : arg) as [string, string];
        return this.getAtt(id, attr);
      }
      if (key === 'Fn::Join') {
        const [sep, parts] = arg as [string, Json[]];
        return (this.resolve(parts) as Json[]).map(String).join(sep);
      }
      if (key === 'Fn::Select') {
        const [index, list] = arg as [number, Json];
        return (this.resolve(list) as Json[])[Number(this.resolve(index))];
      }
      if (key === 'Fn::Split') {
        const [sep, source] = arg as [string, Json];
        return String(this.resolve(source)).split(sep);
      }
      if (key === 'Fn::Sub') {
        const [text, vars] = (typeof arg === 'string' ? [arg, {}] : arg) as [string, Record<string, Json>];
        return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
          if (name in vars) return String(this.resolve(vars[name]));
          const pseudo = this.pseudo(name);
          if (pseudo !== undefined) return pseudo;
          const [id, attr] = name.split('.') as [string, string | undefined];
          return attr ? this.getAtt(id, attr) : this.ref(id);
        });
      }
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(o[k])]));
  }

  private pseudo(name: string): string | undefined {
    return (
      {
        'AWS::Partition': 'aws',
        'AWS::Region': REGION,
        'AWS::AccountId': ACCOUNT,
        'AWS::URLSuffix': 'amazonaws.com',
        'AWS::StackName': 'Perspectief',
      } as Record<string, string>
    )[name];
  }

  /** The logical id a resolved physical name or ARN belongs to, among resources of `type`. */
  findByValue(type: string, value: string): string | undefined {
    return this.ofType(type)
      .map(([id]) => id)
      .find((id) => this.ref(id) === value || this.getAtt(id, 'Arn') === value);
  }
}
