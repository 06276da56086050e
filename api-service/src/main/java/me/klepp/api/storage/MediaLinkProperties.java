package me.klepp.api.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secret key that signs links to hidden files; the same on every API instance, kept secret (set it from
 * the environment). Unset, a random one per process is used.
 */
@ConfigurationProperties("klepp.media.link")
public record MediaLinkProperties(String secret) {
}
