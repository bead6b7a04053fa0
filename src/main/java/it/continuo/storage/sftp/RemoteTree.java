package it.continuo.storage.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.ChannelSftp.LsEntry;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import it.continuo.storage.Keys;
import it.continuo.storage.ObjectInfo;
import it.continuo.storage.TargetException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Walks and creates directories under the target's root, on the shared metadata channel. */
final class RemoteTree {
  private final SftpTarget target;
  private final SftpLink link;

  RemoteTree(SftpTarget target, SftpLink link) {
    this.target = target;
    this.link = link;
  }

  /** Committed objects whose keys start with {@code prefix}, sorted by key. */
  List<ObjectInfo> objects(String prefix) throws IOException, SftpException {
    List<ObjectInfo> found = new ArrayList<>();
    walk(
        prefix,
        (dirKey, entry) -> {
          String key = child(dirKey, entry.getFilename());
          if (!RemotePath.isPartial(entry.getFilename())
              && entry.getAttrs().isReg()
              && key.startsWith(prefix)) {
            found.add(SftpTarget.info(key, entry.getAttrs()));
          }
        });
    found.sort(Comparator.comparing(ObjectInfo::key));
    return found;
  }

  /** Paths of temporary files of uploads to keys that start with {@code prefix}. */
  List<String> partials(String prefix) throws IOException, SftpException {
    List<String> found = new ArrayList<>();
    walk(
        prefix,
        (dirKey, entry) -> {
          String name = entry.getFilename();
          if (RemotePath.isPartial(name)
              && child(dirKey, RemotePath.intendedName(name)).startsWith(prefix)) {
            found.add(target.path(child(dirKey, name)));
          }
        });
    return found;
  }

  private interface Visitor {
    void visit(String dirKey, LsEntry entry) throws TargetException;
  }

  private void walk(String prefix, Visitor visitor) throws IOException, SftpException {
    int slash = prefix.lastIndexOf('/');
    String start = slash < 0 ? "" : Keys.check(prefix.substring(0, slash));
    List<String> pending = new ArrayList<>(List.of(start));
    while (!pending.isEmpty()) {
      String dirKey = pending.remove(pending.size() - 1);
      List<LsEntry> entries = entries(dirKey);
      for (LsEntry entry : entries) {
        String name = entry.getFilename();
        if (name.equals(".") || name.equals("..")) {
          continue;
        }
        String key = child(dirKey, name);
        if (entry.getAttrs().isDir()) {
          if ((key + "/").startsWith(prefix) || prefix.startsWith(key + "/")) {
            pending.add(key);
          }
        } else {
          visitor.visit(dirKey, entry);
        }
      }
    }
  }

  private List<LsEntry> entries(String dirKey) throws IOException, SftpException {
    String dir = dirKey.isEmpty() ? rootPath() : target.path(dirKey);
    List<LsEntry> entries = new ArrayList<>();
    try {
      link.metadata(
          c -> {
            c.ls(
                RemotePath.literal(dir),
                entry -> {
                  entries.add(entry);
                  return ChannelSftp.LsEntrySelector.CONTINUE;
                });
            return null;
          });
    } catch (SftpException e) {
      if (SftpErrors.isNoSuchFile(e)) {
        return List.of();
      }
      throw e;
    }
    return entries;
  }

  private String rootPath() throws TargetException {
    String anyKey = target.path("x");
    return anyKey.length() == 2 ? "/" : anyKey.substring(0, anyKey.length() - 2);
  }

  private static String child(String dirKey, String name) {
    return dirKey.isEmpty() ? name : dirKey + "/" + name;
  }

  /** Creates {@code dir} and its missing parents; an existing directory is fine. */
  void createDirectories(String dir) throws IOException, SftpException {
    link.metadata(
        c -> {
          mkdirs(c, dir);
          return null;
        });
  }

  private static void mkdirs(ChannelSftp c, String dir) throws SftpException {
    try {
      SftpATTRS a = c.stat(RemotePath.literal(dir));
      if (!a.isDir()) {
        throw new SftpException(ChannelSftp.SSH_FX_FAILURE, dir + " is not a directory");
      }
      return;
    } catch (SftpException e) {
      if (!SftpErrors.isNoSuchFile(e)) {
        throw e;
      }
    }
    String parent = RemotePath.parent(dir);
    if (!parent.isEmpty() && !parent.equals("/")) {
      mkdirs(c, parent);
    }
    try {
      c.mkdir(RemotePath.literal(dir));
    } catch (SftpException e) {
      // Another upload may have created it meanwhile.
      if (e.getCause() != null || !c.stat(RemotePath.literal(dir)).isDir()) {
        throw e;
      }
    }
  }
}
