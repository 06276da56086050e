package me.klepp.devstack.userpool;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import no.nav.security.mock.oauth2.http.Route;

/**
 * A local stand-in for a Cognito user pool, for Amplify's {@code <Authenticator>} and other user-pool clients:
 * sign-up with a confirmation code (written to the log), SRP sign-in, token refresh, sign-out and the user's
 * attributes, over the Cognito Identity Provider JSON API. Its tokens are signed with the devstack issuer's
 * keys, so the API accepts them as it accepts the issuer's own.
 *
 * <p>
 * Amplify takes the SRP pool name from the part of {@code userPoolId} after {@code _} and calls
 * {@link #PATH} on the issuer's server when configured with it as {@code userPoolEndpoint}.
 */
public final class LocalUserPool {

	/** The user-pool id to configure clients with: region {@code local}, SRP pool name {@code klepp}. */
	public static final String USER_POOL_ID = "local_klepp";

	/** Where the pool answers, on the issuer's host and port. */
	public static final String PATH = "/cognito-idp/";

	/**
	 * The users every local pool starts with, so that a person can sign in at once.
	 */
	public static final List<SignInUser> SEEDED_USERS = List.of(
			new SignInUser("alice", "klepp-alice", "alice@klepp.local", List.of()),
			new SignInUser("bob", "klepp-bob-1", "bob@klepp.local", List.of()),
			new SignInUser("moderator", "klepp-moderator", "moderator@klepp.local", List.of("admin")));

	private final String clientId;

	private final UserStore store;

	private final UserPoolRoute route;

	/**
	 * @param clientId the one app client (public, no secret)
	 * @param storeFile where users and sessions are kept across restarts, or {@code null} for memory only
	 * @param keys the issuer's keys the tokens are signed with
	 */
	public LocalUserPool(String clientId, Path storeFile, TokenKeys keys) {
		this.clientId = clientId;
		String poolName = USER_POOL_ID.substring(USER_POOL_ID.indexOf('_') + 1);
		Clock clock = Clock.systemUTC();
		this.store = new UserStore(storeFile, clock);
		UserPoolTokens tokens = new UserPoolTokens(keys, store, clock);
		SignUpOperations signUp = new SignUpOperations(poolName, store);
		SEEDED_USERS.forEach(user -> signUp.seed(user.username(), user.password(), user.email(), user.groups()));
		this.route = new UserPoolRoute(PATH, new UserPoolApi(clientId, new SrpSignIn(poolName, store, tokens, clock),
				new SignedInOperations(store, tokens, keys), signUp));
	}

	/** The route to add to the issuer's server. */
	public Route route() {
		return route;
	}

	public String userPoolId() {
		return USER_POOL_ID;
	}

	public String clientId() {
		return clientId;
	}

	/**
	 * The code a user was last sent (sign-up confirmation, else password reset), as the log shows it; for tests
	 * and scripts.
	 */
	public Optional<String> pendingCode(String username) {
		return store.find(username).map(user -> user.confirmationCode() != null ? user.confirmationCode()
				: user.resetCode());
	}

	/**
	 * A user the pool starts with.
	 *
	 * @param username the sign-in name
	 * @param password the password (only its SRP verifier is kept)
	 * @param email the verified e-mail address
	 * @param groups the groups; {@code admin} moderates
	 */
	public record SignInUser(String username, String password, String email, List<String> groups) {
	}

}
