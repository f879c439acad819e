// Batch execution: a bounded, order-preserving parallel map.
// Requires: a producer of inputs (called on one reader thread), a factory of per-thread workers (each
// worker owns its non-thread-safe state, e.g. one Pipeline), and a consumer. Provides: `OrderedParallelMap`,
// which keeps at most `maxInFlight` items (and about `maxInFlightBytes` of input) between reading and
// writing, so memory is bounded whatever the input size, and hands results to the consumer in
// input order, so output is the same whatever the number of threads.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

public enum OrderedParallelMap {
    /// Runs the map; returns when every produced item has been consumed.
    /// - produce: the next input and its weight in bytes, or nil at the end (reader thread).
    /// - makeWorker: called once on each worker thread; returns that thread's transform.
    /// - consume: called on the calling thread, in input order.
    /// - idle: called on the calling thread about every `tick` seconds while waiting (progress display).
    public static func run<Input, Output>(
        jobs: Int,
        maxInFlight: Int,
        maxInFlightBytes: Int,
        produce: @escaping () -> (Input, Int)?,
        makeWorker: @escaping (Int) -> (Input) -> Output,
        consume: (Output) -> Void,
        tick: Double = 0.2,
        idle: () -> Void = {}
    ) {
        let jobs = max(1, jobs)
        if jobs == 1 {
            runSerially(produce: produce, makeWorker: makeWorker, consume: consume, tick: tick, idle: idle)
            return
        }
        let state = State<Input, Output>()
        let maxItems = max(jobs, maxInFlight)
        // Once the reader finds the window full it waits until half of it has drained, then
        // refills it: one wake-up per half window rather than one per document. Each party has
        // its own condition (on one mutex), so no thread is woken for a change it does not wait
        // for.
        let resumeAt = maxItems / 2
        @inline(__always) func readerMustWait() -> Bool {
            state.inFlight > resumeAt || (state.inFlight > 0 && state.inFlightBytes >= maxInFlightBytes)
        }

        startThread(stackSize: 8 << 20) {
            while true {
                state.monitor.lock()
                if state.inFlight >= maxItems || (state.inFlight > 0 && state.inFlightBytes >= maxInFlightBytes) {
                    state.readerWaiting = true
                    while readerMustWait() { state.monitor.wait(state.readerCond) }
                    state.readerWaiting = false
                }
                state.monitor.unlock()
                let next = produce()
                state.monitor.lock()
                if let (x, w) = next {
                    state.queue.append((state.produced, x))
                    state.weights[state.produced] = w
                    state.produced += 1
                    state.inFlight += 1
                    state.inFlightBytes += w
                    if state.workersWaiting > 0 { state.monitor.signal(state.workerCond) }
                } else {
                    state.readerDone = true
                    state.monitor.broadcast(state.workerCond)
                    state.monitor.signal(state.mainCond)
                }
                state.monitor.unlock()
                if next == nil { return }
            }
        }

        for j in 0 ..< jobs {
            // Deep recursion in hostile documents must hit our own limits, not the stack guard.
            startThread(stackSize: 64 << 20) {
                let transform = makeWorker(j)
                while true {
                    state.monitor.lock()
                    while state.queueHead == state.queue.count && !state.readerDone {
                        state.workersWaiting += 1
                        state.monitor.wait(state.workerCond)
                        state.workersWaiting -= 1
                    }
                    if state.queueHead == state.queue.count {
                        state.monitor.unlock()
                        return
                    }
                    let (k, x) = state.queue[state.queueHead]
                    state.queueHead += 1
                    if state.queueHead > 64 && state.queueHead * 2 > state.queue.count {
                        state.queue.removeFirst(state.queueHead)
                        state.queueHead = 0
                    }
                    state.monitor.unlock()
                    let y = transform(x)
                    state.monitor.lock()
                    state.results[k] = y
                    if k == state.mainWaitsFor { state.monitor.signal(state.mainCond) }
                    state.monitor.unlock()
                }
            }
        }

        var next = 0
        var lastIdle = now()
        while true {
            state.monitor.lock()
            while state.results[next] == nil && !(state.readerDone && next == state.produced) {
                state.mainWaitsFor = next
                state.monitor.wait(state.mainCond, seconds: tick)
                state.mainWaitsFor = -1
                if now() - lastIdle >= tick {
                    state.monitor.unlock()
                    idle()
                    lastIdle = now()
                    state.monitor.lock()
                }
            }
            if state.readerDone && next == state.produced {
                state.monitor.unlock()
                break
            }
            let y = state.results.removeValue(forKey: next)!
            state.inFlight -= 1
            state.inFlightBytes -= state.weights.removeValue(forKey: next) ?? 0
            if state.readerWaiting && !readerMustWait() { state.monitor.signal(state.readerCond) }
            state.monitor.unlock()
            consume(y)
            next += 1
            if now() - lastIdle >= tick { idle(); lastIdle = now() }
        }
    }

    /// One job: read, transform and consume in turn on one thread, with no hand-off between threads
    /// (a reader, a worker and the consumer waking each other up for every document cost more than
    /// reading ahead saves). The thread is started with the workers' stack (deep recursion in a
    /// hostile document must hit our own limits); the caller waits for it. `idle` runs between two
    /// documents, on that thread, never at the same time as `consume`.
    private static func runSerially<Input, Output>(
        produce: @escaping () -> (Input, Int)?,
        makeWorker: @escaping (Int) -> (Input) -> Output,
        consume: (Output) -> Void,
        tick: Double,
        idle: () -> Void
    ) {
        let finished = Latch()
        withoutActuallyEscaping(consume) { consume in
            withoutActuallyEscaping(idle) { idle in
                // The thread reaches the two closures through a pointer to this frame, which
                // outlives it (the caller waits): no copy of them is left once the loop returns.
                var closures = (consume, idle)
                withUnsafeMutablePointer(to: &closures) { p in
                    let raw = UnsafeMutableRawPointer(p)
                    startThread(stackSize: 64 << 20) {
                        serialLoop(raw.assumingMemoryBound(to: ((Output) -> Void, () -> Void).self),
                                   produce: produce, makeWorker: makeWorker, tick: tick)
                        finished.open()
                    }
                    finished.wait()
                }
            }
        }
    }

    @inline(never)
    private static func serialLoop<Input, Output>(
        _ closures: UnsafeMutablePointer<((Output) -> Void, () -> Void)>,
        produce: () -> (Input, Int)?, makeWorker: (Int) -> (Input) -> Output, tick: Double
    ) {
        let consume = closures.pointee.0, idle = closures.pointee.1
        let transform = makeWorker(0)
        var lastIdle = now()
        while let (x, _) = produce() {
            consume(transform(x))
            if now() - lastIdle >= tick { idle(); lastIdle = now() }
        }
    }

    /// Opened once; `wait` returns once it is open.
    private final class Latch: @unchecked Sendable {
        private let cond = Condition()
        private var isOpen = false
        func open() { cond.lock(); isOpen = true; cond.broadcast(); cond.unlock() }
        func wait() { cond.lock(); while !isOpen { cond.wait() }; cond.unlock() }
    }

    private final class State<Input, Output>: @unchecked Sendable {
        let monitor = Monitor()
        let readerCond = Monitor.Cond(), workerCond = Monitor.Cond(), mainCond = Monitor.Cond()
        var readerWaiting = false
        var workersWaiting = 0
        /// The result the consumer waits for (-1: none).
        var mainWaitsFor = -1
        var queue: [(Int, Input)] = []
        var queueHead = 0
        var results: [Int: Output] = [:]
        var weights: [Int: Int] = [:]
        var produced = 0
        var inFlight = 0
        var inFlightBytes = 0
        var readerDone = false
    }
}

/// Seconds on a monotonic clock.
public func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// A mutex and the condition variables that wait on it (RiposteIngest cannot import Foundation:
/// its bundled ICU clashes with the system ICU headers that RiposteICU brings in).
final class Monitor: @unchecked Sendable {
    final class Cond: @unchecked Sendable {
        fileprivate var cond = pthread_cond_t()
        init() {
            var attr = pthread_condattr_t()
            pthread_condattr_init(&attr)
            pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
            pthread_cond_init(&cond, &attr)
            pthread_condattr_destroy(&attr)
        }
        deinit { pthread_cond_destroy(&cond) }
    }
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func lock() { pthread_mutex_lock(&mutex) }
    func unlock() { pthread_mutex_unlock(&mutex) }
    func wait(_ c: Cond) { pthread_cond_wait(&c.cond, &mutex) }
    func wait(_ c: Cond, seconds: Double) {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let ns = Int(ts.tv_nsec) + Int(seconds * 1e9)
        ts.tv_sec += ns / 1_000_000_000
        ts.tv_nsec = ns % 1_000_000_000
        pthread_cond_timedwait(&c.cond, &mutex, &ts)
    }
    func signal(_ c: Cond) { pthread_cond_signal(&c.cond) }
    func broadcast(_ c: Cond) { pthread_cond_broadcast(&c.cond) }
}

/// A mutex with one condition variable (a plain lock for callers of the map, e.g. the tests).
final class Condition: @unchecked Sendable {
    private let monitor = Monitor()
    private let cond = Monitor.Cond()
    func lock() { monitor.lock() }
    func unlock() { monitor.unlock() }
    func wait() { monitor.wait(cond) }
    func wait(seconds: Double) { monitor.wait(cond, seconds: seconds) }
    func broadcast() { monitor.broadcast(cond) }
}

private final class ThreadBody { let run: () -> Void; init(_ run: @escaping () -> Void) { self.run = run } }

/// Starts a detached thread with the given stack size.
func startThread(stackSize: Int, _ body: @escaping () -> Void) {
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    pthread_attr_setstacksize(&attr, stackSize)
    pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
    let ctx = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var tid = pthread_t()
    let rc = pthread_create(&tid, &attr, { raw in
        let b = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
        b.run()
        return nil
    }, ctx)
    pthread_attr_destroy(&attr)
    // Without its threads the batch cannot make progress (the reader and workers wait on each other).
    precondition(rc == 0, "riposte: cannot start a thread (pthread_create error \(rc))")
}
