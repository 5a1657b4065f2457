/* A stand-in for bcryptprimitives.dll's ProcessPrng, which Rust >= 1.78 programs import and
   Wine 8.0 (Debian 12) lacks: without it they die at load with c0000135. Test harness only,
   never shipped: it fills the buffer from RtlGenRandom, as Windows' own generator does. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
