package io.weft.internal.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The provider's business threads: a fixed set, all started at once and kept, taking calls from one
 * bounded queue; a full queue refuses ({@link RejectedExecutionException}, answered
 * {@code RESOURCE_EXHAUSTED}).
 *
 * <p>Unlike a {@link java.util.concurrent.ThreadPoolExecutor}, which wakes a parked thread for every
 * task it queues, this wakes one only when no thread is awake and looking for work ("searching"), and
 * a thread that finds a task while more wait wakes the next one. A thread that finishes a call takes
 * the next from the queue without parking. Under a steady stream of short calls a few threads stay
 * awake and drain the queue, instead of each call costing a wake-up on the event loop and a context
 * switch (measured on 2 cores at C=32: server context switches per call from about 1.3 to 0.5, server
 * CPU 10–14 µs less per call; docs/architecture.md, "Pool dispatch").
 * Calls that block still get their own threads: while every awake thread runs a call, no one
 * searches, and the next call wakes a parked thread.
 *
 * <p>Parked threads form a LIFO stack: the thread woken is the one that ran most recently (its caches
 * are warm); threads at the bottom stay parked through a steady load.
 */
final class BusinessExecutor implements Executor {
    private static final int RUNNING = 0;
    private static final int PARKED = 1;

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    /** Threads awake and not running a task (they will poll the queue before they park). */
    private final AtomicInteger searching = new AtomicInteger();
    private final AtomicReference<Node> parked = new AtomicReference<>();
    private final List<Worker> workers;
    private volatile boolean shutdown;

    /**
     * @param threads business threads, all started here
     * @param capacity tasks that may wait for a thread; 0 = hand-off only (accepted only when a thread is
     *     free to take it)
     */
    BusinessExecutor(int threads, int capacity, ThreadFactory factory) {
        this.capacity = capacity;
        List<Worker> list = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            list.add(new Worker());
        }
        this.workers = List.copyOf(list);
        searching.set(threads); // each starts awake and searches once before it parks
        for (Worker w : workers) {
            w.thread = factory.newThread(w);
            w.thread.start();
        }
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("business executor shut down");
        }
        if (capacity == 0) {
            if (searching.get() <= queued.get() && !wakeOne()) {
                throw new RejectedExecutionException("no business thread free (hand-off only)");
            }
            queued.incrementAndGet();
        } else if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            throw new RejectedExecutionException("business queue full (" + capacity + ")");
        }
        queue.offer(task);
        if (searching.get() == 0) {
            wakeOne();
        }
    }

    /** Wakes the most recently parked thread, counted as searching from here on; false if none is parked. */
    private boolean wakeOne() {
        for (;;) {
            Node top = parked.get();
            if (top == null) {
                return false;
            }
            if (!parked.compareAndSet(top, top.next)) {
                continue;
            }
            Worker w = top.worker;
            w.inStack.set(false);
            if (w.state.compareAndSet(PARKED, RUNNING)) {
                searching.incrementAndGet();
                LockSupport.unpark(w.thread);
                return true;
            }
            // it woke itself (a task came while it was parking): look further down
        }
    }

    private Runnable poll() {
        Runnable task = queue.poll();
        if (task != null) {
            queued.decrementAndGet();
        }
        return task;
    }

    /** Threads started (all of them, for the executor's life). */
    int poolSize() {
        int alive = 0;
        for (Worker w : workers) {
            alive += w.thread.isAlive() ? 1 : 0;
        }
        return alive;
    }

    /** Tasks waiting for a thread. */
    int queued() {
        return queued.get();
    }

    /** Takes no more tasks; threads finish what is queued, then end. */
    void shutdown() {
        shutdown = true;
        for (Worker w : workers) {
            if (w.state.compareAndSet(PARKED, RUNNING)) {
                searching.incrementAndGet();
                LockSupport.unpark(w.thread);
            }
        }
    }

    /** Waits up to {@code timeout} for every thread to end after {@link #shutdown}. */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Worker w : workers) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedJoin(w.thread, left);
            if (w.thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private record Node(Worker worker, Node next) {}

    private final class Worker implements Runnable {
        final AtomicInteger state = new AtomicInteger(RUNNING);
        final java.util.concurrent.atomic.AtomicBoolean inStack = new java.util.concurrent.atomic.AtomicBoolean();
        Thread thread;

        @Override
        public void run() {
            for (;;) { // searching
                Runnable task = poll();
                if (task != null) {
                    searching.decrementAndGet();
                    if (queued.get() > 0 && searching.get() == 0) {
                        wakeOne(); // more wait and nobody else looks: pass the work on
                    }
                    runTask(task);
                    searching.incrementAndGet();
                    continue;
                }
                if (shutdown) {
                    searching.decrementAndGet();
                    return;
                }
                park();
            }
        }

        private void runTask(Runnable task) {
            try {
                task.run();
            } catch (Throwable t) {
                Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
                if (handler != null) {
                    handler.uncaughtException(thread, t);
                }
            } finally {
                Thread.interrupted(); // a cancelled call's interrupt must not reach the next call
            }
        }

        /** Parks until woken; returns counted as searching. */
        private void park() {
            state.set(PARKED);
            if (inStack.compareAndSet(false, true)) {
                for (;;) {
                    Node top = parked.get();
                    if (parked.compareAndSet(top, new Node(this, top))) {
                        break;
                    }
                }
            }
            searching.decrementAndGet();
            // a task queued after the last poll, while this thread still counted as searching, woke nobody
            if ((!queue.isEmpty() || shutdown) && state.compareAndSet(PARKED, RUNNING)) {
                searching.incrementAndGet();
                return;
            }
            while (state.get() == PARKED) {
                LockSupport.park(this);
                Thread.interrupted(); // a late interrupt (a call cancelled as it ended) would make park spin
            }
        }
    }
}
