package it.continuo.config;

/**
 * The {@code http} section: where the daemon serves {@code /health}, {@code /metrics} and {@code
 * /api/status}.
 *
 * @param host the address to listen on (loopback by default)
 * @param port the port
 * @param token the bearer token every path but {@code /health} requires
 */
public record HttpConfig(String host, int port, Secret token) {}
