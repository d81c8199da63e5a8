package lv.sargs.sandbox.data;

/** A legal entity's status in the Enterprise Register. */
public enum EntityStatus { REGISTERED, INSOLVENCY, LIQUIDATION, EXCLUDED }
