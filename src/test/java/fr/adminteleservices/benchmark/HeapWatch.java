package fr.adminteleservices.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Samples the heap used (and the CPU of each thread) every 50 ms and records the heap used right after each
 * collection: what the benchmarks that stream large outputs print about memory.
 */
final class HeapWatch {
    final AtomicLong sampledPeak = new AtomicLong();
    final AtomicLong maxAfterGc = new AtomicLong();
    /** Per thread id: name, CPU ns at the first sight, CPU ns at the last sample (threads that end are kept). */
    private final Map<Long, Object[]> threads = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread sampler;
    private final List<Runnable> removals = new ArrayList<>();
    private volatile boolean running = true;

    private HeapWatch() {
        sampler = new Thread(() -> {
            while (running) {
                sampledPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                sampleThreads();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener listener = (notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                                .from((CompositeData) notification.getUserData());
                        long used = 0;
                        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                            MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                            if (pool.getType() == MemoryType.HEAP && after != null) {
                                used += after.getUsed();
                            }
                        }
                        maxAfterGc.accumulateAndGet(used, Math::max);
                    }
                };
                emitter.addNotificationListener(listener, null, null);
                removals.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (Exception ignored) {
                        // already gone
                    }
                });
            }
        }
    }

    private void sampleThreads() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long cpu = mx.getThreadCpuTime(t.getId());
            if (cpu < 0) {
                continue;
            }
            Object[] e = threads.computeIfAbsent(t.getId(), id -> new Object[] {t.getName(), cpu, cpu});
            e[2] = cpu;
        }
    }

    /** CPU ms used during the watch by thread group (name with digits as #), the largest first. */
    String threadCpu(int top) {
        Map<String, Long> groups = new HashMap<>();
        for (Object[] e : threads.values()) {
            groups.merge(((String) e[0]).replaceAll("\\d+", "#"), ((Long) e[2] - (Long) e[1]) / 1_000_000, Long::sum);
        }
        return String.join(", ", groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top).map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue())).toList());
    }

    static HeapWatch start() {
        HeapWatch watch = new HeapWatch();
        watch.sampleThreads();
        watch.sampler.start();
        return watch;
    }

    void stop() throws InterruptedException {
        running = false;
        sampler.join();
        sampledPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        sampleThreads();
        removals.forEach(Runnable::run);
    }
}
