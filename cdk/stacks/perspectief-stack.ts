import { RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { isProduction, type StageConfig } from '../config.js';
import { Api } from '../constructs/api.js';
import { Data } from '../constructs/data.js';

/** The whole platform for one municipality and stage. */
export class PerspectiefStack extends Stack {
  readonly data: Data;
  readonly api: Api;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    const production = isProduction(props.config);
    const removalPolicy = production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = props.config.logRetentionDays as RetentionDays;
    Tags.of(this).add('application', 'perspectief');
    Tags.of(this).add('stage', props.config.stage);
    this.data = new Data(this, 'Data', { production });
    this.api = new Api(this, 'Api', {
      data: this.data,
      municipality: props.config.municipality,
      logRetention,
      removalPolicy,
    });
  }
}
