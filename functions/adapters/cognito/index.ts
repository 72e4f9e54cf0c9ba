export {
  authorizeUrl,
  type CognitoIdentity,
  CognitoTokenVerifier,
  createPkcePair,
  exchangeCode,
  rolesFromGroups,
} from './cognito-token-verifier.js';
