import Testing
@testable import RiposteIngest

@Suite struct OrderedParallelMapTests {
    /// Work whose cost varies a lot from item to item, so threads finish out of order.
    static func work(_ x: [UInt8]) -> Int {
        var h = 5381
        for _ in 0 ..< (x.count % 7) { for b in x { h = (h &* 33) &+ Int(b) } }
        return h
    }

    @Test(arguments: [1, 2, 3, 8])
    func outputFollowsInputOrder(jobs: Int) {
        let inputs = Fixtures.corpusLines
        var next = 0
        var out: [Int] = []
        OrderedParallelMap.run(
            jobs: jobs, maxInFlight: jobs * 2, maxInFlightBytes: 1 << 20,
            produce: { () -> ([UInt8], Int)? in
                guard next < inputs.count else { return nil }
                defer { next += 1 }
                return (inputs[next], inputs[next].count)
            },
            makeWorker: { _ in { Self.work($0) } },
            consume: { out.append($0) })
        #expect(out == inputs.map(Self.work))
    }

    @Test func inFlightItemsStayBounded() {
        let inputs = Fixtures.corpusLines
        final class Counter: @unchecked Sendable { var produced = 0; var consumed = 0; var maxGap = 0 }
        let c = Counter()
        let lock = Condition()
        OrderedParallelMap.run(
            jobs: 2, maxInFlight: 4, maxInFlightBytes: 1 << 30,
            produce: { () -> ([UInt8], Int)? in
                lock.lock(); defer { lock.unlock() }
                guard c.produced < inputs.count else { return nil }
                c.produced += 1
                c.maxGap = max(c.maxGap, c.produced - c.consumed)
                return (inputs[c.produced - 1], 1)
            },
            makeWorker: { _ in { Self.work($0) } },
            consume: { _ in lock.lock(); c.consumed += 1; lock.unlock() })
        #expect(c.consumed == inputs.count)
        // The reader may be one item ahead of the count it waited on.
        #expect(c.maxGap <= 5)
    }
}
