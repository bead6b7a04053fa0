package it.continuo.catalog;

/** Full runs store every file; incremental runs store what changed since their parent. */
public enum Level {
  FULL("full", 'F'),
  INCREMENTAL("incremental", 'I');

  private final String word;
  private final char letter;

  Level(String word, char letter) {
    this.word = word;
    this.letter = letter;
  }

  public String word() {
    return word;
  }

  public char letter() {
    return letter;
  }

  public static Level ofWord(String word) {
    for (Level l : values()) {
      if (l.word.equals(word)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown level \"" + word + "\"");
  }

  static Level ofLetter(char letter) {
    for (Level l : values()) {
      if (l.letter == letter) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown level letter '" + letter + "'");
  }
}
