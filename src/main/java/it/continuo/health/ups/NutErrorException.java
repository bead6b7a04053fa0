package it.continuo.health.ups;

import java.util.Map;

/** The NUT server answered {@code ERR <code>}: it works, and refused or could not answer. */
public final class NutErrorException extends NutException {
  private static final Map<String, String> MEANINGS =
      Map.ofEntries(
          Map.entry("ACCESS-DENIED", "wrong user or password, or the user may not do this"),
          Map.entry("UNKNOWN-UPS", "no such UPS on this server"),
          Map.entry("VAR-NOT-SUPPORTED", "the UPS has no such variable"),
          Map.entry("CMD-NOT-SUPPORTED", "command not supported by the UPS"),
          Map.entry("INVALID-VALUE", "invalid value"),
          Map.entry("READONLY", "read-only"),
          Map.entry("DATA-STALE", "the UPS data is stale: the driver lost the UPS or stopped"),
          Map.entry("DRIVER-NOT-CONNECTED", "upsd is not connected to the UPS driver"),
          Map.entry("USERNAME-REQUIRED", "a user name is required"),
          Map.entry("PASSWORD-REQUIRED", "a password is required"),
          Map.entry("ALREADY-LOGGED-IN", "already logged in"),
          Map.entry("INVALID-USERNAME", "invalid user name"),
          Map.entry("INVALID-PASSWORD", "invalid password"),
          Map.entry("UNKNOWN-COMMAND", "the server does not know this command"),
          Map.entry("INVALID-ARGUMENT", "invalid argument"),
          Map.entry("FEATURE-NOT-CONFIGURED", "feature not configured on the server"));

  private final String code;

  /**
   * @param server host:port of the NUT server
   * @param ups the UPS the request was about, or "" when none
   * @param request the request, without secrets (e.g. "LIST VAR sala", "PASSWORD")
   * @param code the error code, e.g. "DATA-STALE"
   */
  public NutErrorException(String server, String ups, String request, String code) {
    super(
        server,
        (ups.isEmpty() ? "" : "UPS " + ups + ": ")
            + request
            + " answered ERR "
            + code
            + " ("
            + meaning(code)
            + ")",
        null);
    this.code = code;
  }

  /** What a code means, in words, e.g. "no such UPS on this server". */
  public static String meaning(String code) {
    return MEANINGS.getOrDefault(code, "error reported by the server");
  }

  /** The error code, e.g. "ACCESS-DENIED". */
  public String code() {
    return code;
  }

  /**
   * Whether the server works but has no fresh data of the UPS (DATA-STALE, DRIVER-NOT-CONNECTED).
   */
  public boolean stale() {
    return code.equals("DATA-STALE") || code.equals("DRIVER-NOT-CONNECTED");
  }
}
