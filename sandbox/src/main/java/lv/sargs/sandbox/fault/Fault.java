package lv.sargs.sandbox.fault;

/** What a fault plan does to one request, besides the latency it adds. */
enum Fault {
    /** Answer normally. */
    NONE,
    /** Close the connection with a TCP reset instead of answering. */
    RESET,
    /** Hold the request for the plan's stall duration, then answer normally. */
    STALL,
    /** Answer with the plan's 5xx status instead of the endpoint's answer. */
    ERROR,
    /** Send the endpoint's answer with its full Content-Length but only half the body, then close. */
    TRUNCATE,
    /** Send the endpoint's answer with a body that is cut short and followed by bytes that are not JSON. */
    MALFORM
}
