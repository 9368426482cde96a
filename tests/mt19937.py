"""mt19937 written from the reference paper, for the tests of seed mode: not numpy's."""


def genrand(seed):
    """mt19937 from the reference paper (init_genrand, twist, temper): written here, not imported."""
    n, m = 624, 397
    state = [0] * n
    state[0] = seed
    for i in range(1, n):
        state[i] = (1812433253 * (state[i - 1] ^ (state[i - 1] >> 30)) + i) % 2 ** 32
    index = n
    while True:
        if index == n:
            for i in range(n):
                x = (state[i] & 0x80000000) + (state[(i + 1) % n] & 0x7fffffff)
                xa = x >> 1
                if x % 2:
                    xa ^= 0x9908b0df
                state[i] = state[(i + m) % n] ^ xa
            index = 0
        y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= y >> 18
        yield y
