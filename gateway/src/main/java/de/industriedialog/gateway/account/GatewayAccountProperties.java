package de.industriedialog.gateway.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first staff account, from the environment; never from the repository.
 *
 * @param staffEmail login of the first staff account
 * @param staffPassword its password
 */
@ConfigurationProperties("industriedialog.gateway.accounts")
public record GatewayAccountProperties(String staffEmail, String staffPassword) {

}
