import PackingCore
import Testing

@Suite struct Fit3DTests {
    let bin = Fit3D(inner: Dimensions(length: 40, width: 20, height: 10))

    @Test func anyRotationUsesAllSixOrientations() {
        // 10×40×20 only fits lying down (height 10).
        #expect(bin.fits(Dimensions(length: 10, width: 40, height: 20), policy: .any))
        #expect(!bin.fits(Dimensions(length: 41, width: 1, height: 1), policy: .any))
    }

    @Test func thisWayUpKeepsHeight() {
        #expect(bin.fits(Dimensions(length: 20, width: 40, height: 10), policy: .thisWayUp))
        #expect(!bin.fits(Dimensions(length: 10, width: 40, height: 20), policy: .thisWayUp))
    }

    @Test func noneKeepsTheGivenOrientation() {
        #expect(bin.fits(Dimensions(length: 40, width: 20, height: 10), policy: .none))
        #expect(!bin.fits(Dimensions(length: 20, width: 40, height: 10), policy: .none))
    }

    @Test func orientationCountsMatchThePolicy() {
        let unit = Dimensions(length: 1, width: 2, height: 3)
        #expect(Set(RotationPolicy.any.orientations(of: unit)).count == 6)
        #expect(Set(RotationPolicy.thisWayUp.orientations(of: unit)).count == 2)
        #expect(RotationPolicy.thisWayUp.orientations(of: unit).allSatisfy { $0.height == 3 })
        #expect(RotationPolicy.none.orientations(of: unit) == [unit])
    }
}
