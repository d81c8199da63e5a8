package lv.sargs.gateway.alarm;

/**
 * Told of every change of an alarm, in order, on the thread that changed it; it must return
 * quickly and must not block.
 */
@FunctionalInterface
public interface AlarmListener {

    /**
     * @param previous the alarm before, or {@code null} when it was just raised
     * @param current the alarm now, or {@code null} when it was cleared
     */
    void changed(Alarm previous, Alarm current);
}
