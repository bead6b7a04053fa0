package it.continuo.report;

/** The state of a service, a job or the whole report: green, amber or red, worst last. */
public enum Rag {
  /** Everything as promised. */
  GREEN,
  /** Still within the promise, but something needs a look before it is not. */
  AMBER,
  /** The promise is broken now (RPO exceeded, no verified restore point, damage). */
  RED;

  /** The worse of the two. */
  public Rag worst(Rag other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
