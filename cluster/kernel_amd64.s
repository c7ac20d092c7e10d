//go:build amd64 && !purego

#include "textflag.h"

// The dot-product kernels prefetch the rows PFD bytes ahead of the block
// they work on: streaming from memory, one core waits on the loads
// otherwise (5.2 against 6.4 ns per row on 1M×8, K = 8, AVX-512).
#define PFD 2048

// Distance kernels. Except in the FMA kernels, every squared distance is
// computed as the pure-Go
// reference sqDist computes it: for t = 0, 1, ..., d-1 in order,
// s = s + (c[t] - x[t])², each subtraction, product and sum rounded on its
// own (no FMA), one centre per vector lane. The results are therefore
// bit-identical to the reference, and the argmin (lowest index on ties) is
// the reference's too. All loads and stores are unaligned: any float64
// (or float32) slice may be passed. The Go wrappers in kernel.go check the
// lengths and pass only whole blocks of rows (8 for the x8 kernels, 4 for
// the x4 kernels), d >= 1 and groups >= 1.
//
// The dot-product kernels (nearestDot64x8, nearestDot64x4) do not compute
// distances: they rank the centres by ‖c‖² − 2x·c, the squared distance
// less ‖x‖², which is the same for every centre of a row. From the dot
// panel (see panel.dot: per group of 8 centres their ‖c‖², then −2c for
// each dimension) it takes one fused multiply-add per row, dimension and
// centre, where a distance takes a subtraction and a multiply-add. The
// rounding of that form is bounded by a multiple of ‖x‖² + ‖c‖²;
// nearestRowsFast rechecks, with the reference, every row whose two best
// scores are too close for the order to be sure.
//
// The centre panel holds groups of 8 centres: for each dimension t, the
// t-th values of the group's 8 centres side by side (64 bytes, or 32 for
// float32); missing centres of the last group are +Inf, whose distance is
// +Inf and never wins.

DATA kInf<>+0(SB)/8, $0x7ff0000000000000
GLOBL kInf<>(SB), RODATA|NOPTR, $8
DATA kOne<>+0(SB)/8, $0x3ff0000000000000
GLOBL kOne<>(SB), RODATA|NOPTR, $8
DATA kInf32<>+0(SB)/4, $0x7f800000
GLOBL kInf32<>(SB), RODATA|NOPTR, $4
DATA kOne32<>+0(SB)/4, $0x3f800000
GLOBL kOne32<>(SB), RODATA|NOPTR, $4

// ---------------------------------------------------------------- AVX-512

// acc += (Z16 - broadcast(mem))²
#define DIST8(mem, acc, tmp) \
	VSUBPD.BCST mem, Z16, tmp; \
	VMULPD tmp, tmp, tmp; \
	VADDPD tmp, acc, acc

// acc = fma(broadcast(mem), Z16, acc): with Z16 = −2c, acc −= 2x·c.
#define DOT8(mem, acc) \
	VFMADD231PD.BCST mem, Z16, acc

// One dimension of 8 rows (R10: row 0's value; R12, R13, R14, R15: 1, 3,
// 5, 7 row strides) against the 8 centres at (AX).
#define DIM8 \
	VMOVUPD (AX), Z16; \
	DIST8((R10), Z0, Z8); \
	DIST8((R10)(R12*1), Z1, Z9); \
	DIST8((R10)(R12*2), Z2, Z10); \
	DIST8((R10)(R13*1), Z3, Z11); \
	DIST8((R10)(R12*4), Z4, Z12); \
	DIST8((R10)(R14*1), Z5, Z13); \
	DIST8((R10)(R13*2), Z6, Z14); \
	DIST8((R10)(R15*1), Z7, Z15)

// DIM8 for the dot panel: one dimension's −2c at (AX).
#define DIM8D \
	VMOVUPD (AX), Z16; \
	DOT8((R10), Z0); \
	DOT8((R10)(R12*1), Z1); \
	DOT8((R10)(R12*2), Z2); \
	DOT8((R10)(R13*1), Z3); \
	DOT8((R10)(R12*4), Z4); \
	DOT8((R10)(R14*1), Z5); \
	DOT8((R10)(R13*2), Z6); \
	DOT8((R10)(R15*1), Z7)

// Start the 8 rows' scores at the group's ‖c‖², at (AX).
#define NORM8 \
	VMOVUPD (AX), Z16; \
	VMOVAPD Z16, Z0; \
	VMOVAPD Z16, Z1; \
	VMOVAPD Z16, Z2; \
	VMOVAPD Z16, Z3; \
	VMOVAPD Z16, Z4; \
	VMOVAPD Z16, Z5; \
	VMOVAPD Z16, Z6; \
	VMOVAPD Z16, Z7

#define ZERO8 \
	VPXORQ Z0, Z0, Z0; \
	VPXORQ Z1, Z1, Z1; \
	VPXORQ Z2, Z2, Z2; \
	VPXORQ Z3, Z3, Z3; \
	VPXORQ Z4, Z4, Z4; \
	VPXORQ Z5, Z5, Z5; \
	VPXORQ Z6, Z6, Z6; \
	VPXORQ Z7, Z7, Z7

// Transpose the 8×8 block Z0..Z7 (row p = distances of row p to the 8
// centres) into Z8..Z15 (Z8+j = distances of the 8 rows to centre j).
#define TRANSPOSE8 \
	VUNPCKLPD Z1, Z0, Z8; \
	VUNPCKHPD Z1, Z0, Z9; \
	VUNPCKLPD Z3, Z2, Z10; \
	VUNPCKHPD Z3, Z2, Z11; \
	VUNPCKLPD Z5, Z4, Z12; \
	VUNPCKHPD Z5, Z4, Z13; \
	VUNPCKLPD Z7, Z6, Z14; \
	VUNPCKHPD Z7, Z6, Z15; \
	VSHUFF64X2 $0x88, Z10, Z8, Z0; \
	VSHUFF64X2 $0xdd, Z10, Z8, Z1; \
	VSHUFF64X2 $0x88, Z11, Z9, Z2; \
	VSHUFF64X2 $0xdd, Z11, Z9, Z3; \
	VSHUFF64X2 $0x88, Z14, Z12, Z4; \
	VSHUFF64X2 $0xdd, Z14, Z12, Z5; \
	VSHUFF64X2 $0x88, Z15, Z13, Z6; \
	VSHUFF64X2 $0xdd, Z15, Z13, Z7; \
	VSHUFF64X2 $0x88, Z4, Z0, Z8; \
	VSHUFF64X2 $0xdd, Z4, Z0, Z12; \
	VSHUFF64X2 $0x88, Z5, Z1, Z10; \
	VSHUFF64X2 $0xdd, Z5, Z1, Z14; \
	VSHUFF64X2 $0x88, Z6, Z2, Z9; \
	VSHUFF64X2 $0xdd, Z6, Z2, Z13; \
	VSHUFF64X2 $0x88, Z7, Z3, Z11; \
	VSHUFF64X2 $0xdd, Z7, Z3, Z15

// Fold centre Z23 (its distances in D) into the running best Z20, second
// Z21 and best index Z22: strict <, so the lowest index wins ties, and
// second = min(second, max(best, D)) is the reference's second smallest.
#define UPDATE8(D) \
	VCMPPD $1, Z20, D, K1; \
	VMAXPD D, Z20, Z16; \
	VMINPD Z16, Z21, Z21; \
	VMINPD D, Z20, Z20; \
	VMOVAPD Z23, K1, Z22; \
	VADDPD Z30, Z23, Z23

// func nearest64x8(x *float64, rows, d int, pn *float64, groups int, labels *int32, best, second *float64)
TEXT ·nearest64x8(SB), NOSPLIT, $0-64
	MOVQ x+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ d+16(FP), R12
	SHLQ $3, R12
	LEAQ (R12)(R12*2), R13
	LEAQ (R12)(R12*4), R14
	LEAQ (R13)(R12*4), R15
	MOVQ pn+24(FP), R8
	MOVQ groups+32(FP), R9
	XORQ DI, DI
	VBROADCASTSD kOne<>(SB), Z30
	VBROADCASTSD kInf<>(SB), Z31

n8block:
	VMOVAPD Z31, Z20
	VMOVAPD Z31, Z21
	VPXORQ  Z22, Z22, Z22
	VPXORQ  Z23, Z23, Z23
	MOVQ    R8, AX
	MOVQ    R9, BX

n8group:
	ZERO8
	MOVQ SI, R10
	LEAQ (SI)(R12*1), DX

n8dim:
	DIM8
	ADDQ $64, AX
	ADDQ $8, R10
	CMPQ R10, DX
	JNE  n8dim

	TRANSPOSE8
	UPDATE8(Z8)
	UPDATE8(Z9)
	UPDATE8(Z10)
	UPDATE8(Z11)
	UPDATE8(Z12)
	UPDATE8(Z13)
	UPDATE8(Z14)
	UPDATE8(Z15)
	DECQ BX
	JNZ  n8group

	VCVTTPD2DQ Z22, Y8
	MOVQ       labels+40(FP), R11
	VMOVDQU    Y8, (R11)(DI*4)
	MOVQ       best+48(FP), R11
	VMOVUPD    Z20, (R11)(DI*8)
	MOVQ       second+56(FP), R11
	VMOVUPD    Z21, (R11)(DI*8)
	ADDQ       $8, DI
	LEAQ       (SI)(R12*8), SI
	CMPQ       DI, CX
	JB         n8block
	VZEROUPPER
	RET

// func nearestDot64x8(x *float64, rows, d int, pn *float64, groups int, labels *int32, best, second *float64)
TEXT ·nearestDot64x8(SB), NOSPLIT, $0-64
	MOVQ x+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ d+16(FP), R12
	SHLQ $3, R12
	LEAQ (R12)(R12*2), R13
	LEAQ (R12)(R12*4), R14
	LEAQ (R13)(R12*4), R15
	MOVQ pn+24(FP), R8
	MOVQ groups+32(FP), R9
	XORQ DI, DI
	VBROADCASTSD kOne<>(SB), Z30
	VBROADCASTSD kInf<>(SB), Z31

f8block:
	LEAQ PFD(SI), R11
	LEAQ (R11)(R12*8), DX

f8fetch:
	PREFETCHT0 (R11)
	ADDQ       $64, R11
	CMPQ       R11, DX
	JB         f8fetch

	VMOVAPD Z31, Z20
	VMOVAPD Z31, Z21
	VPXORQ  Z22, Z22, Z22
	VPXORQ  Z23, Z23, Z23
	MOVQ    R8, AX
	MOVQ    R9, BX

f8group:
	NORM8
	ADDQ $64, AX
	MOVQ SI, R10
	LEAQ (SI)(R12*1), DX

f8dim:
	DIM8D
	ADDQ $64, AX
	ADDQ $8, R10
	CMPQ R10, DX
	JNE  f8dim

	TRANSPOSE8
	UPDATE8(Z8)
	UPDATE8(Z9)
	UPDATE8(Z10)
	UPDATE8(Z11)
	UPDATE8(Z12)
	UPDATE8(Z13)
	UPDATE8(Z14)
	UPDATE8(Z15)
	DECQ BX
	JNZ  f8group

	VCVTTPD2DQ Z22, Y8
	MOVQ       labels+40(FP), R11
	VMOVDQU    Y8, (R11)(DI*4)
	MOVQ       best+48(FP), R11
	VMOVUPD    Z20, (R11)(DI*8)
	MOVQ       second+56(FP), R11
	VMOVUPD    Z21, (R11)(DI*8)
	ADDQ       $8, DI
	LEAQ       (SI)(R12*8), SI
	CMPQ       DI, CX
	JB         f8block
	VZEROUPPER
	RET

// func dists64x8(x *float64, rows, d int, pn *float64, groups int, out *float64, ldo int)
TEXT ·dists64x8(SB), NOSPLIT, $0-56
	MOVQ x+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ d+16(FP), R12
	SHLQ $3, R12
	LEAQ (R12)(R12*2), R13
	LEAQ (R12)(R12*4), R14
	LEAQ (R13)(R12*4), R15
	MOVQ pn+24(FP), R8
	MOVQ groups+32(FP), R9
	MOVQ out+40(FP), R11

d8block:
	MOVQ R11, DI
	MOVQ R8, AX
	MOVQ R9, BX

d8group:
	ZERO8
	MOVQ SI, R10
	LEAQ (SI)(R12*1), DX

d8dim:
	DIM8
	ADDQ $64, AX
	ADDQ $8, R10
	CMPQ R10, DX
	JNE  d8dim

	MOVQ    R11, DX
	VMOVUPD Z0, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Z1, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Z2, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Z3, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Z4, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Z5, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Z6, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Z7, (DX)
	ADDQ    $64, R11
	DECQ    BX
	JNZ     d8group

	MOVQ ldo+48(FP), R11
	SHLQ $3, R11
	ADDQ DI, R11
	LEAQ (SI)(R12*8), SI
	SUBQ $8, CX
	JNZ  d8block
	VZEROUPPER
	RET

// ---------------------------------------------------------------- AVX2

// One dimension of 4 rows (R10: row 0's value; R12, R13: 1 and 3 row
// strides) against the 4 centres at (AX).
#define DIM4 \
	VMOVUPD      (AX), Y8; \
	VBROADCASTSD (R10), Y4; \
	VSUBPD       Y4, Y8, Y4; \
	VMULPD       Y4, Y4, Y4; \
	VADDPD       Y4, Y0, Y0; \
	VBROADCASTSD (R10)(R12*1), Y5; \
	VSUBPD       Y5, Y8, Y5; \
	VMULPD       Y5, Y5, Y5; \
	VADDPD       Y5, Y1, Y1; \
	VBROADCASTSD (R10)(R12*2), Y6; \
	VSUBPD       Y6, Y8, Y6; \
	VMULPD       Y6, Y6, Y6; \
	VADDPD       Y6, Y2, Y2; \
	VBROADCASTSD (R10)(R13*1), Y7; \
	VSUBPD       Y7, Y8, Y7; \
	VMULPD       Y7, Y7, Y7; \
	VADDPD       Y7, Y3, Y3

// DIM4 for the dot panel: acc += x·(−2c), −2c at (AX).
#define DIM4D \
	VMOVUPD      (AX), Y8; \
	VBROADCASTSD (R10), Y4; \
	VFMADD231PD  Y4, Y8, Y0; \
	VBROADCASTSD (R10)(R12*1), Y5; \
	VFMADD231PD  Y5, Y8, Y1; \
	VBROADCASTSD (R10)(R12*2), Y6; \
	VFMADD231PD  Y6, Y8, Y2; \
	VBROADCASTSD (R10)(R13*1), Y7; \
	VFMADD231PD  Y7, Y8, Y3

// Start the 4 rows' scores at the quad's ‖c‖², at (AX).
#define NORM4 \
	VMOVUPD (AX), Y0; \
	VMOVAPD Y0, Y1; \
	VMOVAPD Y0, Y2; \
	VMOVAPD Y0, Y3

#define ZERO4 \
	VXORPD Y0, Y0, Y0; \
	VXORPD Y1, Y1, Y1; \
	VXORPD Y2, Y2, Y2; \
	VXORPD Y3, Y3, Y3

// Running best Y9, second Y10, best index Y11, centre index Y12, 1.0 in Y13.
#define UPDATE4(D) \
	VCMPPD    $1, Y9, D, Y15; \
	VMAXPD    D, Y9, Y14; \
	VMINPD    Y14, Y10, Y10; \
	VMINPD    D, Y9, Y9; \
	VBLENDVPD Y15, Y12, Y11, Y11; \
	VADDPD    Y13, Y12, Y12

// AX = pn + (q/2)·(group bytes R14) + (q%2)·32 for quad BX.
#define QUAD4 \
	MOVQ  BX, AX; \
	SHRQ  $1, AX; \
	IMULQ R14, AX; \
	ADDQ  R8, AX; \
	MOVQ  BX, R15; \
	ANDQ  $1, R15; \
	SHLQ  $5, R15; \
	ADDQ  R15, AX

// func nearest64x4(x *float64, rows, d int, pn *float64, groups int, labels *int32, best, second *float64)
TEXT ·nearest64x4(SB), NOSPLIT, $0-64
	MOVQ x+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ d+16(FP), R12
	SHLQ $3, R12
	LEAQ (R12)(R12*2), R13
	MOVQ R12, R14
	SHLQ $3, R14
	MOVQ pn+24(FP), R8
	MOVQ groups+32(FP), R9
	SHLQ $1, R9
	XORQ DI, DI
	VBROADCASTSD kOne<>(SB), Y13

n4block:
	VBROADCASTSD kInf<>(SB), Y9
	VMOVAPD      Y9, Y10
	VXORPD       Y11, Y11, Y11
	VXORPD       Y12, Y12, Y12
	XORQ         BX, BX

n4quad:
	QUAD4
	ZERO4
	MOVQ SI, R10
	LEAQ (SI)(R12*1), DX

n4dim:
	DIM4
	ADDQ $64, AX
	ADDQ $8, R10
	CMPQ R10, DX
	JNE  n4dim

	VUNPCKLPD  Y1, Y0, Y4
	VUNPCKHPD  Y1, Y0, Y5
	VUNPCKLPD  Y3, Y2, Y6
	VUNPCKHPD  Y3, Y2, Y7
	VPERM2F128 $0x20, Y6, Y4, Y0
	VPERM2F128 $0x31, Y6, Y4, Y2
	VPERM2F128 $0x20, Y7, Y5, Y1
	VPERM2F128 $0x31, Y7, Y5, Y3
	UPDATE4(Y0)
	UPDATE4(Y1)
	UPDATE4(Y2)
	UPDATE4(Y3)
	INCQ       BX
	CMPQ       BX, R9
	JNE        n4quad

	VCVTTPD2DQY Y11, X4
	MOVQ        labels+40(FP), R11
	VMOVDQU     X4, (R11)(DI*4)
	MOVQ        best+48(FP), R11
	VMOVUPD     Y9, (R11)(DI*8)
	MOVQ        second+56(FP), R11
	VMOVUPD     Y10, (R11)(DI*8)
	ADDQ        $4, DI
	LEAQ        (SI)(R12*4), SI
	CMPQ        DI, CX
	JB          n4block
	VZEROUPPER
	RET

// func nearestDot64x4(x *float64, rows, d int, pn *float64, groups int, labels *int32, best, second *float64)
TEXT ·nearestDot64x4(SB), NOSPLIT, $0-64
	MOVQ x+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ d+16(FP), R12
	SHLQ $3, R12
	LEAQ (R12)(R12*2), R13
	MOVQ R12, R14
	SHLQ $3, R14
	ADDQ $64, R14
	MOVQ pn+24(FP), R8
	MOVQ groups+32(FP), R9
	SHLQ $1, R9
	XORQ DI, DI
	VBROADCASTSD kOne<>(SB), Y13

f4block:
	LEAQ PFD(SI), R11
	LEAQ (R11)(R12*4), DX

f4fetch:
	PREFETCHT0 (R11)
	ADDQ       $64, R11
	CMPQ       R11, DX
	JB         f4fetch

	VBROADCASTSD kInf<>(SB), Y9
	VMOVAPD      Y9, Y10
	VXORPD       Y11, Y11, Y11
	VXORPD       Y12, Y12, Y12
	XORQ         BX, BX

f4quad:
	QUAD4
	NORM4
	ADDQ $64, AX
	MOVQ SI, R10
	LEAQ (SI)(R12*1), DX

f4dim:
	DIM4D
	ADDQ $64, AX
	ADDQ $8, R10
	CMPQ R10, DX
	JNE  f4dim

	VUNPCKLPD  Y1, Y0, Y4
	VUNPCKHPD  Y1, Y0, Y5
	VUNPCKLPD  Y3, Y2, Y6
	VUNPCKHPD  Y3, Y2, Y7
	VPERM2F128 $0x20, Y6, Y4, Y0
	VPERM2F128 $0x31, Y6, Y4, Y2
	VPERM2F128 $0x20, Y7, Y5, Y1
	VPERM2F128 $0x31, Y7, Y5, Y3
	UPDATE4(Y0)
	UPDATE4(Y1)
	UPDATE4(Y2)
	UPDATE4(Y3)
	INCQ       BX
	CMPQ       BX, R9
	JNE        f4quad

	VCVTTPD2DQY Y11, X4
	MOVQ        labels+40(FP), R11
	VMOVDQU     X4, (R11)(DI*4)
	MOVQ        best+48(FP), R11
	VMOVUPD     Y9, (R11)(DI*8)
	MOVQ        second+56(FP), R11
	VMOVUPD     Y10, (R11)(DI*8)
	ADDQ        $4, DI
	LEAQ        (SI)(R12*4), SI
	CMPQ        DI, CX
	JB          f4block
	VZEROUPPER
	RET

// func dists64x4(x *float64, rows, d int, pn *float64, groups int, out *float64, ldo int)
TEXT ·dists64x4(SB), NOSPLIT, $0-56
	MOVQ x+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ d+16(FP), R12
	SHLQ $3, R12
	LEAQ (R12)(R12*2), R13
	MOVQ R12, R14
	SHLQ $3, R14
	MOVQ pn+24(FP), R8
	MOVQ groups+32(FP), R9
	SHLQ $1, R9
	MOVQ out+40(FP), R11

d4block:
	MOVQ R11, DI
	XORQ BX, BX

d4quad:
	QUAD4
	ZERO4
	MOVQ SI, R10
	LEAQ (SI)(R12*1), DX

d4dim:
	DIM4
	ADDQ $64, AX
	ADDQ $8, R10
	CMPQ R10, DX
	JNE  d4dim

	MOVQ    R11, DX
	VMOVUPD Y0, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Y1, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Y2, (DX)
	ADDQ    ldo+48(FP), DX
	VMOVUPD Y3, (DX)
	ADDQ    $32, R11
	INCQ    BX
	CMPQ    BX, R9
	JNE     d4quad

	MOVQ ldo+48(FP), R11
	SHLQ $2, R11
	ADDQ DI, R11
	LEAQ (SI)(R12*4), SI
	SUBQ $4, CX
	JNZ  d4block
	VZEROUPPER
	RET

// ------------------------------------------------------- AVX2, float32

#define DIST32(mem, acc, tmp) \
	VBROADCASTSS mem, tmp; \
	VSUBPS       tmp, Y8, tmp; \
	VMULPS       tmp, tmp, tmp; \
	VADDPS       tmp, acc, acc

// Running best, best index, centre index live in the frame (0, 32, 64(SP)).
#define UPDATE32(D) \
	VCMPPS    $1, Y0, D, Y4; \
	VMINPS    D, Y0, Y0; \
	VBLENDVPS Y4, Y2, Y1, Y1; \
	VADDPS    Y3, Y2, Y2

// func nearest32x8(x *float32, rows, d int, pn *float32, groups int, labels *int32, best *float32)
TEXT ·nearest32x8(SB), NOSPLIT, $96-56
	MOVQ x+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ d+16(FP), R12
	SHLQ $2, R12
	LEAQ (R12)(R12*2), R13
	LEAQ (R12)(R12*4), R14
	LEAQ (R13)(R12*4), R15
	MOVQ pn+24(FP), R8
	MOVQ groups+32(FP), R9
	XORQ DI, DI

s8block:
	VBROADCASTSS kInf32<>(SB), Y8
	VMOVUPS      Y8, 0(SP)
	VXORPS       Y8, Y8, Y8
	VMOVUPS      Y8, 32(SP)
	VMOVUPS      Y8, 64(SP)
	MOVQ         R8, AX
	MOVQ         R9, BX

s8group:
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	MOVQ   SI, R10
	LEAQ   (SI)(R12*1), DX

s8dim:
	VMOVUPS (AX), Y8
	DIST32((R10), Y0, Y9)
	DIST32((R10)(R12*1), Y1, Y10)
	DIST32((R10)(R12*2), Y2, Y11)
	DIST32((R10)(R13*1), Y3, Y12)
	DIST32((R10)(R12*4), Y4, Y13)
	DIST32((R10)(R14*1), Y5, Y14)
	DIST32((R10)(R13*2), Y6, Y15)
	DIST32((R10)(R15*1), Y7, Y9)
	ADDQ    $32, AX
	ADDQ    $4, R10
	CMPQ    R10, DX
	JNE     s8dim

	// Transpose Y0..Y7 into Y8..Y15 (Y8+j: the 8 rows' distances to centre j).
	VUNPCKLPS  Y1, Y0, Y8
	VUNPCKHPS  Y1, Y0, Y9
	VUNPCKLPS  Y3, Y2, Y10
	VUNPCKHPS  Y3, Y2, Y11
	VUNPCKLPS  Y5, Y4, Y12
	VUNPCKHPS  Y5, Y4, Y13
	VUNPCKLPS  Y7, Y6, Y14
	VUNPCKHPS  Y7, Y6, Y15
	VSHUFPS    $0x44, Y10, Y8, Y0
	VSHUFPS    $0xee, Y10, Y8, Y1
	VSHUFPS    $0x44, Y11, Y9, Y2
	VSHUFPS    $0xee, Y11, Y9, Y3
	VSHUFPS    $0x44, Y14, Y12, Y4
	VSHUFPS    $0xee, Y14, Y12, Y5
	VSHUFPS    $0x44, Y15, Y13, Y6
	VSHUFPS    $0xee, Y15, Y13, Y7
	VPERM2F128 $0x20, Y4, Y0, Y8
	VPERM2F128 $0x31, Y4, Y0, Y12
	VPERM2F128 $0x20, Y5, Y1, Y9
	VPERM2F128 $0x31, Y5, Y1, Y13
	VPERM2F128 $0x20, Y6, Y2, Y10
	VPERM2F128 $0x31, Y6, Y2, Y14
	VPERM2F128 $0x20, Y7, Y3, Y11
	VPERM2F128 $0x31, Y7, Y3, Y15

	VMOVUPS      0(SP), Y0
	VMOVUPS      32(SP), Y1
	VMOVUPS      64(SP), Y2
	VBROADCASTSS kOne32<>(SB), Y3
	UPDATE32(Y8)
	UPDATE32(Y9)
	UPDATE32(Y10)
	UPDATE32(Y11)
	UPDATE32(Y12)
	UPDATE32(Y13)
	UPDATE32(Y14)
	UPDATE32(Y15)
	VMOVUPS      Y0, 0(SP)
	VMOVUPS      Y1, 32(SP)
	VMOVUPS      Y2, 64(SP)
	DECQ         BX
	JNZ          s8group

	VMOVUPS    32(SP), Y1
	VCVTTPS2DQ Y1, Y1
	MOVQ       labels+40(FP), R11
	VMOVDQU    Y1, (R11)(DI*4)
	MOVQ       best+48(FP), R11
	VMOVUPS    Y0, (R11)(DI*4)
	ADDQ       $8, DI
	LEAQ       (SI)(R12*8), SI
	CMPQ       DI, CX
	JB         s8block
	VZEROUPPER
	RET

// ------------------------------------------------------- sums, AVX2

// func accumRows(x *float64, rows, d int, labels *int32, w *float64, sums *float64)
//
// For each row i in order: s = sums[labels[i]*d:], s[t] += x[t] (or
// w[i]*x[t], the product rounded first, when w is not nil) for every t:
// each element's additions in row order, as the Go reference does them.
TEXT ·accumRows(SB), NOSPLIT, $0-48
	MOVQ x+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ d+16(FP), DX
	MOVQ labels+24(FP), R8
	MOVQ w+32(FP), R9
	MOVQ sums+40(FP), R10
	MOVQ DX, R11
	SHLQ $3, R11          // row bytes
	MOVQ R11, R12
	ANDQ $-32, R12        // bytes done four at a time
	XORQ BX, BX
	TESTQ CX, CX
	JZ   acdone

acrow:
	MOVLQSX (R8)(BX*4), AX
	IMULQ   R11, AX
	ADDQ    R10, AX       // &sums[label*d]
	XORQ    DI, DI
	TESTQ   R9, R9
	JNZ     acweighted

acunit4:
	CMPQ    DI, R12
	JEQ     acunit1
	VMOVUPD (SI)(DI*1), Y0
	VADDPD  (AX)(DI*1), Y0, Y0
	VMOVUPD Y0, (AX)(DI*1)
	ADDQ    $32, DI
	JMP     acunit4

acunit1:
	CMPQ   DI, R11
	JEQ    acnext
	VMOVSD (SI)(DI*1), X0
	VADDSD (AX)(DI*1), X0, X0
	VMOVSD X0, (AX)(DI*1)
	ADDQ   $8, DI
	JMP    acunit1

acweighted:
	VBROADCASTSD (R9)(BX*8), Y15

acw4:
	CMPQ    DI, R12
	JEQ     acw1
	VMOVUPD (SI)(DI*1), Y0
	VMULPD  Y15, Y0, Y0
	VADDPD  (AX)(DI*1), Y0, Y0
	VMOVUPD Y0, (AX)(DI*1)
	ADDQ    $32, DI
	JMP     acw4

acw1:
	CMPQ   DI, R11
	JEQ    acnext
	VMOVSD (SI)(DI*1), X0
	VMULSD X15, X0, X0
	VADDSD (AX)(DI*1), X0, X0
	VMOVSD X0, (AX)(DI*1)
	ADDQ   $8, DI
	JMP    acw1

acnext:
	ADDQ R11, SI
	INCQ BX
	CMPQ BX, CX
	JNE  acrow

acdone:
	VZEROUPPER
	RET

// func accumRows32(x *float32, rows, d int, labels *int32, sums *float64)
//
// accumRows for float32 rows, unweighted: each value is widened to
// float64 (exactly) and added, element by element in row order.
TEXT ·accumRows32(SB), NOSPLIT, $0-40
	MOVQ x+0(FP), SI
	MOVQ rows+8(FP), CX
	MOVQ d+16(FP), DX
	MOVQ labels+24(FP), R8
	MOVQ sums+32(FP), R10
	MOVQ DX, R11
	SHLQ $3, R11          // sums row bytes
	MOVQ DX, R13
	SHLQ $2, R13          // x row bytes
	MOVQ DX, R12
	ANDQ $-4, R12         // values done four at a time
	XORQ BX, BX
	TESTQ CX, CX
	JZ   a32done

a32row:
	MOVLQSX (R8)(BX*4), AX
	IMULQ   R11, AX
	ADDQ    R10, AX
	XORQ    DI, DI

a32four:
	CMPQ      DI, R12
	JEQ       a32one
	VCVTPS2PD (SI)(DI*4), Y0
	VADDPD    (AX)(DI*8), Y0, Y0
	VMOVUPD   Y0, (AX)(DI*8)
	ADDQ      $4, DI
	JMP       a32four

a32one:
	CMPQ     DI, DX
	JEQ      a32next
	VCVTSS2SD (SI)(DI*4), X0, X0
	VADDSD   (AX)(DI*8), X0, X0
	VMOVSD   X0, (AX)(DI*8)
	INCQ     DI
	JMP      a32one

a32next:
	ADDQ R13, SI
	INCQ BX
	CMPQ BX, CX
	JNE  a32row

a32done:
	VZEROUPPER
	RET
