#define _GNU_SOURCE
#include <sched.h>
#include "CThreadPlacement.h"

int binwatch_keep_off_first_cpu(void) {
#ifdef __linux__
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return 0;
    int count = CPU_COUNT(&allowed);
    if (count < 2) return 0;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (CPU_ISSET(cpu, &allowed)) {
            CPU_CLR(cpu, &allowed);
            break;
        }
    }
    return sched_setaffinity(0, sizeof allowed, &allowed) == 0 ? count - 1 : 0;
#else
    return 0;
#endif
}
