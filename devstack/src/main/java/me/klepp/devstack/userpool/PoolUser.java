package me.klepp.devstack.userpool;

import java.math.BigInteger;
import java.util.List;

/**
 * A user of the local pool as it is kept (and written to the store file): the SRP salt and verifier, never the
 * password.
 *
 * @param username the name as signed up, which tokens carry in {@code username} and {@code cognito:username}
 * @param sub the stable user id ({@code sub}), the same as the token command gives the same name
 * @param email the e-mail address, or {@code null}
 * @param confirmed whether sign-up was confirmed with its code
 * @param groups the user's groups ({@code cognito:groups}); {@code admin} moderates
 * @param salt the SRP salt, hexadecimal
 * @param verifier the SRP verifier v = g^x, hexadecimal
 * @param confirmationCode the sign-up code still to be entered, or {@code null}
 * @param resetCode the code of a forgotten-password request still open, or {@code null}
 */
record PoolUser(String username, String sub, String email, boolean confirmed, List<String> groups, String salt,
		String verifier, String confirmationCode, String resetCode) {

	PoolUser {
		groups = groups == null ? List.of() : List.copyOf(groups);
	}

	BigInteger saltValue() {
		return new BigInteger(salt, 16);
	}

	BigInteger verifierValue() {
		return new BigInteger(verifier, 16);
	}

	PoolUser withPassword(Srp.Verifier password) {
		return new PoolUser(username, sub, email, confirmed, groups, password.salt().toString(16),
				password.v().toString(16), confirmationCode, resetCode);
	}

	PoolUser confirmedNow() {
		return new PoolUser(username, sub, email, true, groups, salt, verifier, null, resetCode);
	}

	PoolUser withConfirmationCode(String code) {
		return new PoolUser(username, sub, email, confirmed, groups, salt, verifier, code, resetCode);
	}

	PoolUser withResetCode(String code) {
		return new PoolUser(username, sub, email, confirmed, groups, salt, verifier, confirmationCode, code);
	}

}
