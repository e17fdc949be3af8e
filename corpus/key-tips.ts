// KEY TIPS: curated starting points for the topics on the retired page "Key Driver Concepts
// and Tips" (the page the product began from), in that page's order. Each entry maps one tip
// to the current pages of Microsoft's driver docs that cover its subject, best page first.
//
// The question and summary of every entry are written in our own words; they are not quoted
// from the seed page or from the documentation (which is CC BY 4.0 text the bot cites, never
// copies). pagePaths are relative to the corpus repositories:
//   windows-driver-docs-pr/...  -> <corpus>/windows-driver-docs/ (conceptual pages)
//   wdk-ddi-src/content/...     -> <corpus>/windows-driver-docs-ddi/ (API reference pages)
// None of the original tip articles live in the corpus (they were published under
// /previous-versions/), so every entry points at the current pages on the same subject.
// test/key-tips.test.ts checks that every path exists and that no summary echoes the seed.

export interface KeyTipSource {
  /** Short kebab-case slug, unique within the list. */
  id: string;
  /** The tip's title as listed on the seed page. */
  topic: string;
  /** How a developer might ask about it (our wording). */
  question: string;
  /** One to three sentences in our own words, at most 400 characters. */
  summary: string;
  /** One to four repository-relative page paths, best first. */
  pagePaths: string[];
}

export const keyTips: readonly KeyTipSource[] = [
  {
    id: 'key-driver-concepts',
    topic: 'Key Driver Concepts',
    question: 'What Windows internals do I need to understand before I write my first driver?',
    summary:
      'Every driver, whatever its model or device class, builds on the same basics: how kernel mode differs from user mode, how virtual addresses map to memory, and how a request travels as an IRP through a stack of drivers.',
    pagePaths: [
      'windows-driver-docs-pr/gettingstarted/user-mode-and-kernel-mode.md',
      'windows-driver-docs-pr/gettingstarted/virtual-address-spaces.md',
      'windows-driver-docs-pr/gettingstarted/i-o-request-packets.md',
      'windows-driver-docs-pr/gettingstarted/driver-stacks.md',
    ],
  },
  {
    id: 'driver-design',
    topic: 'Driver Design',
    question: 'What should I decide up front when designing a Windows driver?',
    summary:
      'Pick the model first (KMDF or UMDF unless you truly need WDM), then design for the goals the kernel expects: portable, preemptible, safe on multiprocessor machines, validating its inputs, and packaged so it can be serviced and updated cleanly.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/design-goals-for-kernel-mode-drivers.md',
      'windows-driver-docs-pr/gettingstarted/choosing-a-driver-model.md',
      'windows-driver-docs-pr/kernel/creating-reliable-kernel-mode-drivers.md',
      'windows-driver-docs-pr/develop/dch-principles-best-practices.md',
    ],
  },
  {
    id: 'driver-performance',
    topic: 'Driver Performance: Best Practices',
    question: 'How do I stop my driver from making the whole PC sluggish?',
    summary:
      'Keep work at raised IRQL tiny: Microsoft recommends ISRs under about 25 microseconds and DPCs under about 100, with no long stalls. Push longer work to threads, defer non-essential setup until after boot, and measure with tracing rather than guessing.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/guidelines-for-writing-dpc-routines.md',
      'windows-driver-docs-pr/devtest/example-15--measuring-dpc-isr-time.md',
      'windows-driver-docs-pr/kernel/improving-system-startup-performance.md',
    ],
  },
  {
    id: 'calling-a-dll-from-kernel',
    topic: 'Calling a DLL in a Kernel-Mode Driver',
    question: 'Can my kernel driver call functions in a DLL, and how do I build one it can load?',
    summary:
      'A kernel driver cannot load a normal user-mode DLL. Put the shared code in an export driver instead: a kernel-mode library built with the WDK that has a .def file and DllInitialize/DllUnload entry points, whose exported functions other drivers link against through its import .lib.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/creating-export-drivers.md',
      'windows-driver-docs-pr/develop/driver-model-settings-properties-for-driver-projects.md',
    ],
  },
  {
    id: 'cancel-logic',
    topic: 'Cancel Logic in Windows Drivers',
    question: 'How do I implement IRP cancellation correctly without races?',
    summary:
      'The hard part is the race between a Cancel routine and the code that dequeues or completes the same IRP. Prefer cancel-safe queues (the IoCsqXxx routines) or framework queues; if you hand-write a Cancel routine, follow the cancel spin lock rules exactly.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/canceling-irps.md',
      'windows-driver-docs-pr/kernel/cancel-safe-irp-queues.md',
      'windows-driver-docs-pr/kernel/points-to-consider-when-canceling-irps.md',
      'wdk-ddi-src/content/wdm/nf-wdm-iocsqinitialize.md',
    ],
  },
  {
    id: 'getting-started',
    topic: 'Getting Started with Windows Driver Development',
    question: 'Which tools and habits should I set up when I begin writing drivers?',
    summary:
      'Start testing and analysing from the first build: run Code Analysis and Static Driver Verifier, debug on a second machine with the kernel debugger attached, and keep Driver Verifier enabled so defects show up while they are still cheap to fix.',
    pagePaths: [
      'windows-driver-docs-pr/develop/strategies-for-testing-drivers-during-development.md',
      'windows-driver-docs-pr/develop/analyzing-driver-quality-by-using-code-analysis-tools.md',
      'windows-driver-docs-pr/develop/debugging-a-driver.md',
      'windows-driver-docs-pr/devtest/driver-verifier.md',
    ],
  },
  {
    id: 'multiple-io-requests',
    topic: 'Getting your driver to handle more than one I/O request at a time',
    question: 'Why does my driver only ever see one request at a time, and how do I get several in flight?',
    summary:
      'A handle opened without the overlapped flag makes the I/O manager serialize its requests. The app must open the device for overlapped I/O, and the driver must mark each IRP pending, queue it, return STATUS_PENDING and complete it later instead of blocking.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/supporting-asynchronous-i-o.md',
      'wdk-ddi-src/content/wdm/nf-wdm-iomarkirppending.md',
      'windows-driver-docs-pr/kernel/queuing-and-dequeuing-irps.md',
    ],
  },
  {
    id: 'kernel-stack',
    topic: 'How do I keep my driver from running out of kernel-mode stack?',
    question: 'My driver crashes with a stack overflow; how much kernel stack do I get and how do I use less?',
    summary:
      'The kernel stack is only about three pages and overflowing it crashes the system. Keep call chains shallow, bound any recursion, put large buffers in pool instead of locals, and query IoGetRemainingStackSize or use KeExpandKernelStackAndCallout on deep paths.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/using-the-kernel-stack.md',
      'wdk-ddi-src/content/wdm/nf-wdm-iogetremainingstacksize.md',
      'wdk-ddi-src/content/ntddk/nf-ntddk-keexpandkernelstackandcallout.md',
    ],
  },
  {
    id: 'when-cancellation-matters',
    topic: 'I/O cancellation: when does it matter?',
    question: 'Does my driver need to support cancelling requests at all?',
    summary:
      'Yes, whenever a request can wait for an unbounded time, such as an IRP parked until a key press or a device event, or one that stays busy on the hardware for long. Without cancel support the requesting thread cannot exit cleanly and the app appears hung.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/introduction-to-cancel-routines.md',
      'windows-driver-docs-pr/kernel/canceling-irps.md',
      'windows-driver-docs-pr/wdf/canceling-i-o-requests.md',
      'wdk-ddi-src/content/wdm/nf-wdm-iosetcancelroutine.md',
    ],
  },
  {
    id: 'io-completion-cancellation-guidelines',
    topic: 'I/O Completion/Cancellation Guidelines',
    question: 'Why can an app hang or refuse to terminate because of my driver, and how do I avoid it?',
    summary:
      'An app hangs, or cannot be killed, when a driver holds one of its IRPs forever. Complete every request promptly, honour cancel requests (apps can cancel explicitly since Vista), and finish outstanding IRPs on cleanup; a canceled IRP still pending after five minutes gets logged as timed out.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/completing-irps.md',
      'windows-driver-docs-pr/kernel/canceling-irps.md',
      'windows-driver-docs-pr/kernel/irp-mj-cleanup.md',
      'wdk-ddi-src/content/wdm/nf-wdm-iocompleterequest.md',
    ],
  },
  {
    id: 'locks-deadlocks-synchronization',
    topic: 'Locks, Deadlocks, and Synchronization',
    question: 'Which kernel lock should I use, and how do I avoid deadlocks?',
    summary:
      'Choose by IRQL and hold time: interlocked operations for simple counters, spin locks for data touched at DISPATCH_LEVEL (held only briefly), mutexes or resources for passive-level code. Always acquire nested locks in one fixed order, and let Driver Verifier check that order for you.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/introduction-to-spin-locks.md',
      'windows-driver-docs-pr/kernel/preventing-errors-and-deadlocks-while-using-spin-locks.md',
      'windows-driver-docs-pr/kernel/fast-mutexes-and-guarded-mutexes.md',
      'windows-driver-docs-pr/devtest/deadlock-detection.md',
    ],
  },
  {
    id: 'protecting-shared-data',
    topic: 'One at a time! Protecting shared data from concurrent routines',
    question: 'Which of my driver routines can run at the same time, and what data do I have to protect?',
    summary:
      'Assume any routine can be preempted and that dispatch routines, DPCs, the ISR and callbacks may run simultaneously on different processors. Any writable data two of them can reach needs a lock or interlocked access; KMDF can serialize callbacks through its synchronization scope.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/multiprocessor-safe.md',
      'windows-driver-docs-pr/kernel/errors-in-a-multiprocessor-environment.md',
      'windows-driver-docs-pr/kernel/synchronizing-access-to-device-data.md',
      'windows-driver-docs-pr/wdf/using-automatic-synchronization.md',
    ],
  },
  {
    id: 'queue-work-item-once',
    topic: 'Queuing a work item: Once is enough!',
    question: 'Is it safe to call IoQueueWorkItem again before the previous work item has run?',
    summary:
      'No: re-queuing a work item that is still waiting corrupts system data structures. Keep a driver-owned task list and queue the item only when that list goes from empty to non-empty; once the callback has started, the item is off the queue and may be queued again.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/system-worker-threads.md',
      'wdk-ddi-src/content/wdm/nf-wdm-ioqueueworkitem.md',
      'wdk-ddi-src/content/wdm/nf-wdm-ioallocateworkitem.md',
      'windows-driver-docs-pr/wdf/using-framework-work-items.md',
    ],
  },
  {
    id: 'testing-memory-errors',
    topic: 'Testing for Errors in Accessing and Allocating Memory',
    question: 'How can I catch buffer overruns, use-after-free and leaks in my kernel driver?',
    summary:
      "Turn on Driver Verifier: Special Pool places allocations against a page boundary so overruns and touches of freed memory fault at once, Pool Tracking reports memory still allocated at unload, and Low Resources Simulation fails allocations at random to exercise your error paths.",
    pagePaths: [
      'windows-driver-docs-pr/devtest/special-pool.md',
      'windows-driver-docs-pr/devtest/pool-tracking.md',
      'windows-driver-docs-pr/devtest/low-resources-simulation.md',
      'windows-driver-docs-pr/devtest/driver-verifier.md',
    ],
  },
  {
    id: 'do-device-initializing',
    topic: 'What does DO_DEVICE_INITIALIZING really do?',
    question: 'Why must I clear DO_DEVICE_INITIALIZING, and when should I do it?',
    summary:
      'The flag, set on every new device object, keeps others from opening or sending I/O to it while setup is unfinished. A function or filter driver clears it at the end of AddDevice, after attaching to the stack and setting its I/O and power flags; the PnP manager checks it is clear afterwards.',
    pagePaths: [
      'windows-driver-docs-pr/kernel/adddevice-routines-in-function-or-filter-drivers.md',
      'wdk-ddi-src/content/wdm/ns-wdm-_device_object.md',
      'windows-driver-docs-pr/kernel/initializing-a-device-object.md',
      'wdk-ddi-src/content/wdm/nf-wdm-iocreatedevice.md',
    ],
  },
  {
    id: 'mmprobeandlockpages',
    topic: 'What does MmProbeAndLockPages actually lock?',
    question: 'When I call MmProbeAndLockPages on a user buffer, what exactly stays locked?',
    summary:
      'It pages the buffer in, checks the requested access, then pins the physical pages backing it at that moment and records their frame numbers in the MDL; the virtual mapping itself is not frozen. Wrap it in try/except and balance every success with MmUnlockPages.',
    pagePaths: [
      'wdk-ddi-src/content/wdm/nf-wdm-mmprobeandlockpages.md',
      'windows-driver-docs-pr/kernel/using-mdls.md',
      'wdk-ddi-src/content/wdm/nf-wdm-mmunlockpages.md',
    ],
  },
  {
    id: 'whats-in-an-mdl',
    topic: 'What Is Really in That MDL?',
    question: 'What does an MDL contain, and which parts of it may my driver touch?',
    summary:
      "An MDL is a header followed by an array of physical page numbers for a virtually contiguous buffer. Treat it as opaque apart from Next and MdlFlags: read it via the MmGetMdlXxx macros, get a kernel address with MmGetSystemAddressForMdlSafe, and don't assume it is mapped in system space.",
    pagePaths: [
      'windows-driver-docs-pr/kernel/using-mdls.md',
      'wdk-ddi-src/content/wdm/ns-wdm-_mdl.md',
      'wdk-ddi-src/content/wdm/nf-wdm-mmgetsystemaddressformdlsafe.md',
      'windows-driver-docs-pr/kernel/using-direct-i-o.md',
    ],
  },
  {
    id: 'contiguous-memory',
    topic: 'Where did all that contiguous memory come from?',
    question: 'How can MmAllocateContiguousMemory give me more memory than the nonpaged pool limit?',
    summary:
      'Contiguous allocations are built from free physical pages and mapped into system space, not carved out of the nonpaged pool, so the pool limit does not cap them. Such memory grows scarce as RAM fragments, so request it early, such as in DriverEntry, and sparingly.',
    pagePaths: [
      'wdk-ddi-src/content/wdm/nf-wdm-mmallocatecontiguousmemory.md',
      'wdk-ddi-src/content/wdm/nf-wdm-mmallocatecontiguousmemoryspecifycache.md',
      'windows-driver-docs-pr/kernel/allocating-system-space-memory.md',
    ],
  },
  {
    id: 'whos-using-the-pool',
    topic: "Who's Using the Pool?",
    question: 'How do I find out which driver is eating or leaking pool memory?',
    summary:
      'Tag every allocation with a distinctive four-character pool tag (ExAllocatePool2 rejects a zero tag). PoolMon and the !poolused debugger extension rank usage by tag, and !poolfind locates allocations carrying a given tag, showing whether your driver or another is at fault.',
    pagePaths: [
      'windows-driver-docs-pr/debugger/using-poolmon-to-find-a-kernel-mode-memory-leak.md',
      'windows-driver-docs-pr/debuggercmds/-poolused.md',
      'windows-driver-docs-pr/debuggercmds/-poolfind.md',
      'wdk-ddi-src/content/wdm/nf-wdm-exallocatepool2.md',
    ],
  },
];
