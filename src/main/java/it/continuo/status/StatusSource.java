package it.continuo.status;

/** Where the status endpoint gets the agent's status, computed anew on each request. */
@FunctionalInterface
public interface StatusSource {
  AgentStatus status() throws Exception;
}
