package lv.sargs.sandbox.data;

/** A natural person's status in the population register. */
public enum PersonStatus { ACTIVE, DECEASED }
