package it.continuo.health.server;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.hardware.VirtualMemory;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/** This machine as OSHI reads it, in the small shapes the checks take (so tests can feed them). */
final class Machine {
  /** File system types that hold no data of their own. */
  private static final Set<String> PSEUDO =
      Set.of(
          "tmpfs",
          "devtmpfs",
          "ramfs",
          "overlay",
          "squashfs",
          "proc",
          "sysfs",
          "cgroup",
          "cgroup2",
          "devpts",
          "autofs",
          "efivarfs",
          "tracefs",
          "debugfs",
          "securityfs",
          "pstore",
          "bpf",
          "nsfs",
          "fusectl",
          "configfs",
          "mqueue",
          "hugetlbfs",
          "binfmt_misc",
          "iso9660");

  private final HardwareAbstractionLayer hardware;
  private final OperatingSystem os;

  Machine() {
    SystemInfo info = new SystemInfo();
    this.hardware = info.getHardware();
    this.os = info.getOperatingSystem();
  }

  /** The local file systems backed by a disk (no tmpfs, overlay, squashfs, NFS …). */
  List<DiskCheck.Volume> diskVolumes() {
    return volumes(true);
  }

  /**
   * The file systems mounted at {@code mounts}, whatever their type: mount points named in the
   * configuration may well be a NAS share, which OSHI's lists leave out. On Linux the mount table
   * says which are mounted, and the JDK reads their sizes; elsewhere OSHI lists them.
   */
  List<DiskCheck.Volume> volumesAt(List<String> mounts) {
    Set<String> mounted = mountPoints();
    if (mounted == null) {
      return volumes(false);
    }
    List<DiskCheck.Volume> volumes = new ArrayList<>();
    for (String mount : mounts) {
      if (!mounted.contains(mount)) {
        continue;
      }
      try {
        FileStore fs = Files.getFileStore(Path.of(mount));
        volumes.add(
            new DiskCheck.Volume(
                mount, fs.getTotalSpace(), fs.getUnallocatedSpace(), fs.getUsableSpace()));
      } catch (IOException e) {
        // unmounted between the two reads, or unreadable: the check says it is not mounted
      }
    }
    return volumes;
  }

  /** The mount points in {@code /proc/self/mounts}, null where there is none (not Linux). */
  private static Set<String> mountPoints() {
    Path table = Path.of("/proc/self/mounts");
    if (!Files.isReadable(table)) {
      return null;
    }
    try {
      Set<String> points = new HashSet<>();
      for (String line : Files.readAllLines(table)) {
        String[] fields = line.split(" ");
        if (fields.length > 1) {
          points.add(unescape(fields[1]));
        }
      }
      return points;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The mount table writes a space as {@code \040}, a tab as {@code \011}, a backslash as {@code
   * \134}.
   */
  static String unescape(String field) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < field.length()) {
      if (field.charAt(i) == '\\'
          && i + 4 <= field.length()
          && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 4;
      } else {
        b.append(field.charAt(i++));
      }
    }
    return b.toString();
  }

  private List<DiskCheck.Volume> volumes(boolean disksOnly) {
    List<DiskCheck.Volume> volumes = new ArrayList<>();
    for (OSFileStore fs : os.getFileSystem().getFileStores(disksOnly)) {
      if ((disksOnly && PSEUDO.contains(fs.getType())) || fs.getTotalSpace() <= 0) {
        continue;
      }
      volumes.add(
          new DiskCheck.Volume(
              fs.getMount(), fs.getTotalSpace(), fs.getFreeSpace(), fs.getUsableSpace()));
    }
    return volumes;
  }

  /** The one-minute load average per logical processor; negative where the OS has none. */
  double loadPerCore() {
    CentralProcessor cpu = hardware.getProcessor();
    double load = cpu.getSystemLoadAverage(1)[0];
    return load < 0 ? load : load / Math.max(1, cpu.getLogicalProcessorCount());
  }

  MemoryCheck.Usage memory() {
    GlobalMemory m = hardware.getMemory();
    return new MemoryCheck.Usage(m.getTotal(), m.getTotal() - m.getAvailable());
  }

  MemoryCheck.Usage swap() {
    VirtualMemory v = hardware.getMemory().getVirtualMemory();
    return new MemoryCheck.Usage(v.getSwapTotal(), v.getSwapUsed());
  }

  UptimeCheck.Boot boot() {
    return new UptimeCheck.Boot(os.getSystemBootTime(), os.getSystemUptime());
  }

  /** The CPU temperature in °C; 0 or NaN where there is no sensor. */
  double cpuTemperature() {
    return hardware.getSensors().getCpuTemperature();
  }

  /**
   * Whether each physical network interface is up, by name. Loopback and virtual interfaces
   * (bridges, veth, tunnels: on Linux those without {@code /sys/class/net/NAME/device}) are left
   * out: their state says nothing about a cable or a switch.
   */
  Map<String, Boolean> links() {
    Map<String, Boolean> links = new LinkedHashMap<>();
    for (NetworkIF nif : hardware.getNetworkIFs(false)) {
      String name = nif.getName();
      Path sys = Path.of("/sys/class/net", name);
      if (Files.isDirectory(sys) && !Files.exists(sys.resolve("device"))) {
        continue;
      }
      links.put(name, nif.getIfOperStatus() == NetworkIF.IfOperStatus.UP);
    }
    return links;
  }
}
