package lv.sargs.gateway.treasury.ekase;

/** The mode the Treasury registered the gateway's eKase user in; one mode per user. */
public enum EkaseMode {
    /** "tiešsaistē skatīt": account statement and unclosed-day report only. */
    VIEW,
    /** "tiešsaistē vadīt": also payment import. */
    MANAGE
}
