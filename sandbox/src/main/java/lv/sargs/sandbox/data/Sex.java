package lv.sargs.sandbox.data;

/** A natural person's sex as the population register records it. */
public enum Sex { MALE, FEMALE }
