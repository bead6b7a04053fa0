package it.continuo.manifest;

/** What an entry of the tree is. Hard links are files that share the content of an earlier one. */
public enum EntryType {
  FILE("file"),
  DIR("dir"),
  SYMLINK("symlink"),
  HARDLINK("hardlink");

  private final String json;

  EntryType(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  public static EntryType fromJson(String value) throws ManifestException {
    for (EntryType type : values()) {
      if (type.json.equals(value)) {
        return type;
      }
    }
    throw new ManifestException("unknown entry type \"" + value + "\"");
  }
}
