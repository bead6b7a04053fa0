package it.continuo.restore;

import it.continuo.manifest.TreeOrder;
import java.util.ArrayList;
import java.util.List;

/** The paths a restore was asked for; none means the whole tree. */
final class Selection {
  private final List<String> prefixes = new ArrayList<>();

  Selection(List<String> paths) throws RestoreException {
    for (String p : paths) {
      String n = p;
      while (n.startsWith("/")) {
        n = n.substring(1);
      }
      while (n.endsWith("/")) {
        n = n.substring(0, n.length() - 1);
      }
      if (!RelativePath.isSafe(n)) {
        throw new RestoreException("cannot restore \"" + p + "\": not a path inside the backup");
      }
      prefixes.add(n);
    }
  }

  boolean all() {
    return prefixes.isEmpty();
  }

  boolean selects(String path) {
    if (prefixes.isEmpty()) {
      return true;
    }
    for (String prefix : prefixes) {
      if (TreeOrder.isWithin(path, prefix)) {
        return true;
      }
    }
    return false;
  }
}
