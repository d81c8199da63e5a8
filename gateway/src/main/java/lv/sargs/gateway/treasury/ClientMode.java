package lv.sargs.gateway.treasury;

/** eKase's access mode, for a gateway client and for the upstream user alike. */
public enum ClientMode {
    /** Account reports and statements only ("tiešsaistē skatīt"). */
    VIEW,
    /** Reports and payment import ("tiešsaistē vadīt"). */
    MANAGE
}
