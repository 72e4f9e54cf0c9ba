import { CfnOutput, Duration, type RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ProviderAttribute,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolIdentityProviderOidc,
  UserPoolIdentityProviderSaml,
  UserPoolIdentityProviderSamlMetadata,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { RoleSchema } from '../../functions/core/auth/roles.js';
import type { IdentityProviderConfig } from '../config.js';
import { acknowledge } from './nag.js';

/** Where Cognito sends the browser back with the authorization code. */
export const CALLBACK_PATH = '/auth/callback';

export interface IdentityProps {
  /** `https://host` of the web application. */
  publicUrl: string;
  domainPrefix: string;
  removalPolicy: RemovalPolicy;
  production: boolean;
  identityProvider?: IdentityProviderConfig;
}

/**
 * Who may sign in: a Cognito user pool with one group per platform role, MFA required (TOTP), threat
 * protection enforced (Plus tier), no self sign-up, and optionally the municipality's own OIDC or SAML
 * identity provider. The web app is a public client using the authorization code flow with PKCE: the
 * Lambda holds no client secret that could leak.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** Base URL of the sign-in pages (`/oauth2/authorize`, `/oauth2/token`, `/logout`). */
  readonly signInUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: false,
        requireLowercase: false,
        requireUppercase: false,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.production,
      removalPolicy: props.removalPolicy,
      userInvitation: {
        emailSubject: 'Uw account voor Perspectief',
        emailBody:
          'U hebt een account voor Perspectief. Gebruikersnaam: {username}. Tijdelijk wachtwoord: {####}. Bij de eerste keer inloggen kiest u een eigen wachtwoord en stelt u een authenticator-app in.',
      },
    });
    acknowledge(
      this.userPool,
      'COG1',
      'Passwords need 12 characters and no composition rules, following NCSC guidance that length beats complexity; MFA is required on top. The same rule holds for local accounts.',
    );
    for (const role of RoleSchema.options) {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: `Perspectief role ${role}`,
      });
    }

    const providers = [UserPoolClientIdentityProvider.COGNITO];
    const idp = props.identityProvider ? this.addIdentityProvider(props.identityProvider) : undefined;
    if (props.identityProvider)
      providers.push(UserPoolClientIdentityProvider.custom(props.identityProvider.name));

    this.domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.signInUrl = this.domain.baseUrl();
    this.client = this.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      supportedIdentityProviders: providers,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.publicUrl}${CALLBACK_PATH}`],
        logoutUrls: [`${props.publicUrl}/`],
      },
      // The app keeps its own 8-hour session after the code exchange; tokens only prove who signed in.
      idTokenValidity: Duration.minutes(15),
      accessTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(8),
    });
    if (idp) this.client.node.addDependency(idp);

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Cognito user pool' });
    new CfnOutput(this, 'SignInUrl', { value: this.signInUrl, description: 'Cognito sign-in domain' });
  }

  private addIdentityProvider(config: IdentityProviderConfig) {
    // The groups claim of an external IdP is not trusted: an admin assigns Cognito groups (roles) after the
    // first sign-in, so a municipality's directory cannot grant platform roles by itself.
    const attributeMapping = { email: ProviderAttribute.other('email') };
    if (config.type === 'oidc') {
      return new UserPoolIdentityProviderOidc(this, 'Oidc', {
        userPool: this.userPool,
        name: config.name,
        issuerUrl: config.issuerUrl,
        clientId: config.clientId,
        // A dynamic reference: CloudFormation resolves it at deploy time, the secret never enters the template.
        clientSecret: SecretValue.secretsManager(config.clientSecretName).unsafeUnwrap(),
        scopes: ['openid', 'email', 'profile'],
        attributeMapping,
      });
    }
    return new UserPoolIdentityProviderSaml(this, 'Saml', {
      userPool: this.userPool,
      name: config.name,
      metadata: UserPoolIdentityProviderSamlMetadata.url(config.metadataUrl),
      attributeMapping: {
        email: ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'),
      },
    });
  }
}
