// Drives Amplify's own Auth library (aws-amplify v6, as the published frontend's <Authenticator> does) against
// klepp-local's user pool, and calls the klepp API with the access token it obtains. Run by AmplifySignInTest:
//   node sign-in-flow.mjs <userPoolEndpoint> <userPoolId> <clientId> <apiBaseUrl> <newUsername>
// Prints one JSON line per step ({"step": ...}); reads the sign-up confirmation code from stdin when it prints
// {"step":"signed-up"}. Exits non-zero at the first surprise.
import { createInterface } from 'node:readline';
import { Amplify } from 'aws-amplify';
import {
  autoSignIn, confirmSignUp, fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut, signUp,
} from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { webcrypto } from 'node:crypto';

// Amplify draws SRP's random a from globalThis.crypto, which Node 18 (Debian 12's) has only behind a flag.
if (!globalThis.crypto) globalThis.crypto = webcrypto;

const [userPoolEndpoint, userPoolId, userPoolClientId, apiBaseUrl, newUsername] = process.argv.slice(2);
const password = 'amplify-signs-up-1';

Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint, loginWith: { username: true } } } });
// The browser's localStorage, as a map we can look into (Node 20 has none). After configure, which sets
// Amplify's default storage.
const stored = new Map();
cognitoUserPoolsTokenProvider.setKeyValueStorage({
  async setItem(key, value) { stored.set(key, value); },
  async getItem(key) { return stored.has(key) ? stored.get(key) : null; },
  async removeItem(key) { stored.delete(key); },
  async clear() { stored.clear(); },
});

const report = (step, details = {}) => console.log(JSON.stringify({ step, ...details }));
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const claims = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

async function refused(step, attempt) {
  try {
    await attempt();
  } catch (e) {
    report(step, { error: e.name, message: e.message });
    return;
  }
  throw new Error(`${step}: expected a refusal, but it succeeded`);
}

async function callApi(accessToken) {
  const response = await fetch(`${apiBaseUrl}/api/v2/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ filename: 'clip.mp4', content_type: 'video/mp4', size: 1048576 }),
  });
  const body = await response.json();
  return { status: response.status, path: body.path };
}

await refused('wrong-password', () => signIn({ username: 'alice', password: 'not-alices-password' }));
await refused('unknown-user', () => signIn({ username: `nobody-${newUsername}`, password: 'whatever-password' }));

const signedUp = await signUp({
  username: newUsername, password,
  options: { userAttributes: { email: `${newUsername}@example.com` }, autoSignIn: true },
});
report('signed-up', { nextStep: signedUp.nextStep.signUpStep, userId: signedUp.userId });
const code = (await lines.next()).value.trim();

const confirmed = await confirmSignUp({ username: newUsername, confirmationCode: code });
report('confirmed', { nextStep: confirmed.nextStep.signUpStep });
const autoSignedIn = await autoSignIn();
const user = await getCurrentUser();
const session = await fetchAuthSession();
const accessToken = session.tokens.accessToken.toString();
const attributes = await fetchUserAttributes();
report('signed-in', {
  isSignedIn: autoSignedIn.isSignedIn, username: user.username, userId: user.userId,
  idTokenUsername: session.tokens.idToken.payload['cognito:username'], email: attributes.email,
  emailVerified: attributes.email_verified, accessTokenUsername: claims(accessToken).username,
  api: await callApi(accessToken),
});

const refreshed = await fetchAuthSession({ forceRefresh: true });
const refreshedToken = refreshed.tokens.accessToken.toString();
report('refreshed', {
  changed: refreshedToken !== accessToken, username: claims(refreshedToken).username,
  sameSignIn: claims(refreshedToken).origin_jti === claims(accessToken).origin_jti,
  api: await callApi(refreshedToken),
});

const refreshKey = [...stored.keys()].find((key) => key.endsWith('.refreshToken'));
const refreshToken = stored.get(refreshKey);
if (!refreshToken) throw new Error(`no refresh token stored; keys: ${[...stored.keys()]}`);
const tokensBefore = [...stored.keys()].filter((k) => k.endsWith('Token')).length;
await signOut();
await refused('signed-out', () => getCurrentUser());
// RevokeToken ended the sign-in at the pool: the refresh token Amplify held no longer refreshes.
const reuse = await fetch(userPoolEndpoint, {
  method: 'POST',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetTokensFromRefreshToken' },
  body: JSON.stringify({ ClientId: userPoolClientId, RefreshToken: refreshToken }),
});
report('revoked', { status: reuse.status, error: (await reuse.json()).__type, tokensBefore, tokensLeft: [...stored.keys()].filter((k) => k.endsWith('Token')).length });

const moderator = await signIn({ username: 'moderator', password: 'klepp-moderator' });
const moderatorSession = await fetchAuthSession();
report('moderator', {
  isSignedIn: moderator.isSignedIn, username: (await getCurrentUser()).username,
  groups: moderatorSession.tokens.accessToken.payload['cognito:groups'],
});
await signOut();
report('done');
process.exit(0);
