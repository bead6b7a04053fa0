package it.continuo.health.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON of smartmontools 7 and later ({@code smartctl -j}): {@code --scan} lists {@code
 * devices} with {@code name} and {@code type}; {@code -H} answers {@code smart_status.passed}, and
 * {@code smartctl.exit_status} is a bit mask (bit 1: the device could not be opened, bit 2: a SMART
 * command failed, bit 3: the disk is failing) with {@code smartctl.messages} saying why.
 */
final class SmartctlJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Bit 3 of the exit status: "SMART status check returned DISK FAILING". */
  static final int DISK_FAILING = 1 << 3;

  private SmartctlJson() {}

  /**
   * @param name e.g. /dev/sda
   * @param type the device type smartctl detected (sat, nvme, scsi, megaraid,0 …), for {@code -d}
   */
  record Device(String name, String type) {}

  /**
   * @param device the device
   * @param model the model name, empty when not given
   * @param passed the overall health assessment, null when smartctl could not tell
   * @param exitStatus smartctl's exit status bits
   * @param messages what smartctl said about errors, e.g. "Smartctl open device: /dev/sda failed:
   *     Permission denied"
   */
  record Health(
      String device, String model, Boolean passed, int exitStatus, List<String> messages) {
    boolean failing() {
      return Boolean.FALSE.equals(passed) || (exitStatus & DISK_FAILING) != 0;
    }
  }

  static List<Device> scan(String json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    List<Device> devices = new ArrayList<>();
    for (JsonNode d : root.path("devices")) {
      String name = d.path("name").asText("");
      if (!name.isEmpty()) {
        devices.add(new Device(name, d.path("type").asText("")));
      }
    }
    return devices;
  }

  static Health health(String json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    if (!root.isObject() || !root.has("smartctl")) {
      throw new IOException("not smartctl JSON output");
    }
    JsonNode status = root.path("smart_status").path("passed");
    List<String> messages = new ArrayList<>();
    for (JsonNode m : root.path("smartctl").path("messages")) {
      messages.add(m.path("string").asText());
    }
    return new Health(
        root.path("device").path("name").asText(""),
        root.path("model_name").asText(""),
        status.isBoolean() ? status.booleanValue() : null,
        root.path("smartctl").path("exit_status").asInt(0),
        messages);
  }
}
