/*
 * Platform3's harness around TA-Lib's C library (our own code; TA-Lib itself is built from the npm package in a
 * temporary folder by run.sh and never committed). It generates the same 1,000,000 bars as bench/Platform3.Bench
 * (TaBenchData: splitmix64, identical IEEE arithmetic), times each function as the median of 15 runs after 3
 * warm-ups (thread CPU time, which a busy shared machine inflates less than the wall clock; as ta-batch does),
 * and prints ns per point and a checksum (sum of every output value) so both sides can be compared.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ta_libc.h"

#define N 1000000
#define RUNS 15
#define WARMUP 3

static uint64_t state = 42;

static uint64_t next_u64(void)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double next_unit(void) { return (double)(next_u64() >> 11) * (1.0 / 9007199254740992.0); }

static double open_[N], high_[N], low_[N], close_[N];
static double out1[N], out2[N], out3[N];

static double clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef int (*bench_fn)(int *beg, int *count);

static int sma(int *b, int *n) { return TA_SMA(0, N - 1, close_, 20, b, n, out1); }
static int ema(int *b, int *n) { return TA_EMA(0, N - 1, close_, 20, b, n, out1); }
static int rsi(int *b, int *n) { return TA_RSI(0, N - 1, close_, 14, b, n, out1); }
static int atr(int *b, int *n) { return TA_ATR(0, N - 1, high_, low_, close_, 14, b, n, out1); }
static int macd(int *b, int *n) { return TA_MACD(0, N - 1, close_, 12, 26, 9, b, n, out1, out2, out3); }
static int bbands(int *b, int *n) { return TA_BBANDS(0, N - 1, close_, 20, 2.0, 2.0, TA_MAType_SMA, b, n, out1, out2, out3); }

static void run(const char *name, bench_fn fn, int outputs)
{
    double cpu[RUNS];
    int beg = 0, count = 0;
    for (int i = 0; i < WARMUP; i++) fn(&beg, &count);
    for (int i = 0; i < RUNS; i++)
    {
        double c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
        int rc = fn(&beg, &count);
        cpu[i] = clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
        if (rc != TA_SUCCESS) { fprintf(stderr, "%s failed: %d\n", name, rc); exit(1); }
    }
    qsort(cpu, RUNS, sizeof(double), cmp);
    double sum = 0;
    for (int i = 0; i < count; i++)
    {
        sum += out1[i];
        if (outputs > 1) sum += out2[i];
        if (outputs > 2) sum += out3[i];
    }
    printf("| TA-Lib C | %s | %.2f | %.2f | %d | %.12e |\n", name, cpu[RUNS / 2] / N, cpu[0] / N, beg, sum);
}

int main(void)
{
    double p = 1.1;
    for (int i = 0; i < N; i++)
    {
        double o = p;
        double c = o + (next_unit() - 0.5) * 4e-4;
        double h = fmax(o, c) + next_unit() * 2e-4;
        double l = fmin(o, c) - next_unit() * 2e-4;
        open_[i] = o; high_[i] = h; low_[i] = l; close_[i] = c;
        p = c;
    }
    if (TA_Initialize() != TA_SUCCESS) { fprintf(stderr, "TA_Initialize failed\n"); return 1; }
    printf("| library | function | CPU ns/point (median of %d) | CPU ns/point (best) | first output index | checksum (sum of outputs) |\n", RUNS);
    printf("|---|---|---|---|---|---|\n");
    run("SMA(20)", sma, 1);
    run("EMA(20)", ema, 1);
    run("RSI(14)", rsi, 1);
    run("ATR(14)", atr, 1);
    run("MACD(12,26,9)", macd, 3);
    run("BBANDS(20,2)", bbands, 3);
    TA_Shutdown();
    return 0;
}
