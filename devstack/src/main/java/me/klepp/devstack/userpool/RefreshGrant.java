package me.klepp.devstack.userpool;

/**
 * What a refresh token stands for; the token itself is random, only its hash is kept.
 *
 * @param username whose sign-in it continues
 * @param clientId the app client it was issued to
 * @param originJti the id shared by every token of this sign-in ({@code origin_jti}); revoking the refresh
 * token revokes them at this pool
 * @param authTime when the person signed in, epoch seconds ({@code auth_time})
 * @param expiresAt epoch seconds after which it no longer refreshes
 */
record RefreshGrant(String username, String clientId, String originJti, long authTime, long expiresAt) {
}
