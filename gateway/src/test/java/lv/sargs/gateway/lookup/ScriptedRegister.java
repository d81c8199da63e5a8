package lv.sargs.gateway.lookup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A register whose answers a test scripts, counting the calls it was asked for. */
class ScriptedRegister implements RegisterPart {

    final AtomicInteger calls = new AtomicInteger();
    volatile Function<String, CompletableFuture<Fetched>> answer;

    ScriptedRegister(Function<String, CompletableFuture<Fetched>> answer) {
        this.answer = answer;
    }

    private static final PartKey KEY = new PartKey("viss", "legal-entity");

    @Override
    public PartKey key() {
        return KEY;
    }

    @Override
    public long feeCents() {
        return 15;
    }

    @Override
    public CompletableFuture<Fetched> fetch(String id, long deadlineNanos) {
        calls.incrementAndGet();
        return answer.apply(id);
    }

    static CompletableFuture<Fetched> found(String json) {
        return CompletableFuture.completedFuture(new Fetched.Found(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
