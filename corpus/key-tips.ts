// KEY TIPS: curated starting points for the topics on the retired page "Key Driver Concepts
// and Tips" (the page the product began from), in that page's order.
//
// A tip message quotes the documentation: for each tip this file names the page sections
// that state its core advice (`quotes`), and the answer engine quotes them at run time from
// the index (bot/answer/key-tip-answer.ts). This file holds no documentation text: only
// paths, section headings, and our own question, focus keywords and lead-in. The lead-in is
// one sentence in our words, shown apart from the quotes as ours ("In short: ..."), and may
// claim nothing the quoted passages do not state.
//
// Paths are relative to the corpus repositories:
//   windows-driver-docs-pr/...  -> <corpus>/windows-driver-docs/ (conceptual pages)
//   wdk-ddi-src/content/...     -> <corpus>/windows-driver-docs-ddi/ (API reference pages)
// None of the original tip articles live in the corpus (they were published under
// /previous-versions/), so every entry points at the current pages on the same subject.
// test/key-tips.test.ts checks the paths and wording; test/answer/key-tip-answer.test.ts
// checks what every tip quotes.

/** One passage a tip quotes: a page section that states (part of) the tip's advice. */
interface KeyTipQuote {
  /** Repository-relative page path. */
  path: string;
  /** The section as the index cites it ("Remarks", "Members › Flags"; "" for the page lead). */
  section: string;
  /** Search words that steer which sentences of the section are quoted: a keyword list of
   *  ours, never the page's sentences (order does not matter). Defaults to the tip's question. */
  focus?: string;
}

export interface KeyTipSource {
  /** Short kebab-case slug, unique within the list. */
  id: string;
  /** The tip's title as listed on the seed page. */
  topic: string;
  /** How a developer might ask about it (our wording). */
  question: string;
  /** One sentence in our own words, shown as "In short: ..."; omitted when the quotes say it best. */
  leadIn?: string;
  /** One to three passages to quote, best first. */
  quotes: KeyTipQuote[];
  /** Further pages for "Read more" (the quoted pages are listed first, then these). */
  readMore: string[];
}

export const keyTips: readonly KeyTipSource[] = [
  {
    id: 'key-driver-concepts',
    topic: 'Key Driver Concepts',
    question: 'What Windows internals do I need to understand before I write my first driver?',
    leadIn:
      'All kernel-mode code shares one virtual address space, so a kernel-mode driver is not isolated from the operating system, and most requests reach drivers packaged as IRPs.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/gettingstarted/user-mode-and-kernel-mode.md',
        section: 'Kernel mode',
        focus: 'kernel, mode, code, shares, single, virtual, address, space, kernel-mode, driver, crash, crashes, operating, system',
      },
      {
        path: 'windows-driver-docs-pr/gettingstarted/i-o-request-packets.md',
        section: '',
        focus: 'requests, sent, device, drivers, packaged, I/O, request, packets, IRPs',
      },
      {
        path: 'windows-driver-docs-pr/gettingstarted/virtual-address-spaces.md',
        section: 'User space and system space',
        focus: 'kernel-mode, drivers, careful, reading, writing, user, space, addresses, process, initiated, request',
      },
    ],
    readMore: ['windows-driver-docs-pr/gettingstarted/driver-stacks.md'],
  },
  {
    id: 'driver-design',
    topic: 'Driver Design',
    question: 'What should I decide up front when designing a Windows driver?',
    leadIn:
      'Use the driver model your device technology requires (its minidriver model if it has one), and design a reliable driver for the goals kernel-mode drivers share, as it is a component of the operating system.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/gettingstarted/choosing-a-driver-model.md',
        section: 'Choosing a driver model for a device function driver',
        focus: 'device, technology, minidriver, model, use, otherwise, follow, documentation, UMDF, KMDF, WDM',
      },
      {
        path: 'windows-driver-docs-pr/kernel/design-goals-for-kernel-mode-drivers.md',
        section: '',
        focus:
          'kernel-mode, drivers, share, design, goals, portable, configurable, preemptible, interruptible, multiprocessor-safe, object-based, asynchronous, I/O',
      },
      {
        path: 'windows-driver-docs-pr/kernel/creating-reliable-kernel-mode-drivers.md',
        section: '',
        focus: 'kernel-mode, driver, component, operating, system, reliable, secure, drivers, contribute, trustworthiness',
      },
    ],
    readMore: ['windows-driver-docs-pr/develop/dch-principles-best-practices.md'],
  },
  {
    id: 'driver-performance',
    topic: 'Driver Performance: Best Practices',
    question: 'How do I stop my driver from making the whole PC sluggish?',
    leadIn:
      'Keep DPCs brief, under 100 microseconds, and ISRs under 25, as Microsoft recommends, and delegate processing to worker threads.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/devtest/example-15--measuring-dpc-isr-time.md',
        section: '',
        focus: 'Microsoft, recommends, DPCs, run, longer, 100, microseconds, ISRs, 25',
      },
      {
        path: 'windows-driver-docs-pr/kernel/guidelines-for-writing-dpc-routines.md',
        section: '',
        focus: 'DpcForIsr, CustomDpc, routines, run, brief, periods, delegate, much, processing, possible, worker, threads',
      },
    ],
    readMore: ['windows-driver-docs-pr/kernel/improving-system-startup-performance.md'],
  },
  {
    id: 'calling-a-dll-from-kernel',
    topic: 'Calling a DLL in a Kernel-Mode Driver',
    question: 'Can my kernel driver call functions in a DLL, and how do I build one it can load?',
    leadIn: 'A DLL that kernel-mode drivers load is an export driver, a kernel-mode DLL whose entry point is DllInitialize.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/kernel/creating-export-drivers.md',
        section: '',
        focus: 'export, driver, kernel-mode, DLL, loaded, variety, hardware-specific, device-stack-specific, components',
      },
      {
        path: 'windows-driver-docs-pr/kernel/creating-export-drivers.md',
        section: 'Building an Export Driver',
        focus: 'build, export, driver, module, definition, file, DllInitialize, entry, point, kernel-mode, DLL, library, lib',
      },
    ],
    readMore: ['windows-driver-docs-pr/develop/driver-model-settings-properties-for-driver-projects.md'],
  },
  {
    id: 'cancel-logic',
    topic: 'Cancel Logic in Windows Drivers',
    question: 'How do I implement IRP cancellation correctly without races?',
    leadIn:
      'Because an IRP may be canceled at any point, a driver that queues IRPs itself should let the cancel-safe IRP queue framework handle the races.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/kernel/synchronizing-irp-cancellation.md',
        section: '',
        focus: 'IRP, canceled, time, cancellation, asynchronous, drivers, handle, race, conditions',
      },
      {
        path: 'windows-driver-docs-pr/kernel/cancel-safe-irp-queues.md',
        section: '',
        focus:
          'drivers, implement, IRP, queuing, use, cancel-safe, queue, framework, IoCsqXxx, routines, handle, synchronization, canceling',
      },
    ],
    readMore: [
      'windows-driver-docs-pr/kernel/canceling-irps.md',
      'windows-driver-docs-pr/kernel/points-to-consider-when-canceling-irps.md',
      'wdk-ddi-src/content/wdm/nf-wdm-iocsqinitialize.md',
    ],
  },
  {
    id: 'getting-started',
    topic: 'Getting Started with Windows Driver Development',
    question: 'Which tools and habits should I set up when I begin writing drivers?',
    leadIn:
      'Test early, since defects found early are less costly to fix: CodeQL is now the primary static analysis tool for drivers, and Driver Verifier finds driver issues before they cause crashes.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/develop/strategies-for-testing-drivers-during-development.md',
        section: '',
        focus: 'start, testing, finding, fixing, defects, early, development, cycle, less, costly',
      },
      {
        path: 'windows-driver-docs-pr/devtest/static-driver-verifier.md',
        section: '',
        focus: 'SDV, longer, supported, CodeQL, primary, static, analysis, tool, drivers',
      },
      {
        path: 'windows-driver-docs-pr/devtest/driver-verifier.md',
        section: '',
        focus:
          'Driver, Verifier, testing, tool, helps, identify, issues, cause, system, crashes, corruption, monitoring, kernel-mode, drivers',
      },
    ],
    readMore: ['windows-driver-docs-pr/devtest/static-tools-and-codeql.md', 'windows-driver-docs-pr/develop/debugging-a-driver.md'],
  },
  {
    id: 'multiple-io-requests',
    topic: 'Getting your driver to handle more than one I/O request at a time',
    question: 'Why does my driver only ever see one request at a time, and how do I get several in flight?',
    leadIn:
      'A driver gets one request at a time when it serializes them itself, with a sequential framework queue or a StartIo routine; a parallel queue delivers requests as soon as they are available.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/wdf/dispatching-methods-for-i-o-requests.md',
        section: 'Sequential Dispatching',
        focus: 'sequential, dispatching, framework, delivers, requests, driver, one, time',
      },
      {
        path: 'windows-driver-docs-pr/kernel/queuing-and-dequeuing-irps.md',
        section: 'StartIo Routines in Drivers',
        focus:
          'devices, capable, handling, one, device, I/O, operation, time, StartIo, routines, IoStartPacket, IoStartNextPacket, queue, dequeue, IRPs',
      },
      {
        path: 'windows-driver-docs-pr/wdf/dispatching-methods-for-i-o-requests.md',
        section: 'Parallel Dispatching',
        focus: 'parallel, dispatching, driver, multiple, simultaneously, process, I/O, requests, framework, delivers, soon, available',
      },
    ],
    readMore: ['wdk-ddi-src/content/wdm/nf-wdm-iomarkirppending.md', 'windows-driver-docs-pr/kernel/supporting-asynchronous-i-o.md'],
  },
  {
    id: 'kernel-stack',
    topic: 'How do I keep my driver from running out of kernel-mode stack?',
    question: 'My driver crashes with a stack overflow; how much kernel stack do I get and how do I use less?',
    leadIn:
      'The kernel-mode stack is limited to about three pages, so avoid deeply nested calls, limit recursion, and allocate system-space memory rather than run out of stack.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/kernel/using-the-kernel-stack.md',
        section: '',
        focus: 'size, limited, approximately, three, pages, passing, large, amounts, data, possible',
      },
      {
        path: 'windows-driver-docs-pr/kernel/using-the-kernel-stack.md',
        section: '',
        focus: 'design, guidelines, avoid, deeply, nested, calls, one, internal, driver, routine, another, limit, number, recursive',
      },
      {
        path: 'windows-driver-docs-pr/kernel/using-the-kernel-stack.md',
        section: '',
        focus:
          'running, kernel, stack, space, causes, fatal, system, error, better, allocate, system-space, memory, size, varies, among, hardware, platforms, versions',
      },
    ],
    readMore: [
      'wdk-ddi-src/content/wdm/nf-wdm-iogetremainingstacksize.md',
      'wdk-ddi-src/content/ntddk/nf-ntddk-keexpandkernelstackandcallout.md',
    ],
  },
  {
    id: 'when-cancellation-matters',
    topic: 'I/O cancellation: when does it matter?',
    question: 'Does my driver need to support cancelling requests at all?',
    leadIn:
      'A driver that can hold IRPs pending for an indefinite interval must have Cancel routines; one whose IRPs are completed too quickly to be canceled probably needs none.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/kernel/introduction-to-cancel-routines.md',
        section: '',
        focus: 'driver, IRPs, held, pending, indefinite, interval, Cancel, routines, never, queues, complete, five, minutes, need, routine',
      },
      {
        path: 'windows-driver-docs-pr/kernel/introduction-to-cancel-routines.md',
        section: '',
        focus: 'mass-storage, drivers, unlikely, Cancel, routines, IRPs, processed, completion, quickly, cancelable',
      },
    ],
    readMore: [
      'windows-driver-docs-pr/kernel/canceling-irps.md',
      'windows-driver-docs-pr/wdf/canceling-i-o-requests.md',
      'wdk-ddi-src/content/wdm/nf-wdm-iosetcancelroutine.md',
    ],
  },
  {
    id: 'io-completion-cancellation-guidelines',
    topic: 'I/O Completion/Cancellation Guidelines',
    question: 'Why can an app hang or refuse to terminate because of my driver, and how do I avoid it?',
    leadIn:
      'When a thread exits the system cancels its unprocessed IRPs, so make requests that might take long cancelable, and cancel and complete the queued IRPs of a file object handle being released.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/kernel/canceling-irps.md',
        section: '',
        focus: 'IoCancelIrp, called, IRP, associated, thread, system, cancels, unprocessed, IRPs, initiated, I/O, request, exits',
      },
      {
        path: 'windows-driver-docs-pr/kernel/canceling-irps.md',
        section: '',
        focus: 'canceled, IRP, completed, within, 5, minutes, timed, ensure, requests, take, long, time, complete, cancelable',
      },
      {
        path: 'windows-driver-docs-pr/kernel/irp-mj-cleanup.md',
        section: 'Operation',
        focus: 'driver, cancel, complete, currently, queued, IRPs, associated, file, object, handle, released, STATUS_CANCELLED',
      },
    ],
    readMore: ['windows-driver-docs-pr/kernel/completing-irps.md', 'wdk-ddi-src/content/wdm/nf-wdm-iocompleterequest.md'],
  },
  {
    id: 'locks-deadlocks-synchronization',
    topic: 'Locks, Deadlocks, and Synchronization',
    question: 'Which kernel lock should I use, and how do I avoid deadlocks?',
    leadIn: 'Hold spin locks only briefly, and when you must hold more than one lock, always acquire them in the same order.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/kernel/preventing-errors-and-deadlocks-while-using-spin-locks.md',
        section: 'Nested Spin Lock Acquisitions',
        focus: 'nested, spin, locks, always, acquire, order, avoid, deadlocks',
      },
      {
        path: 'windows-driver-docs-pr/kernel/introduction-to-spin-locks.md',
        section: '',
        focus: 'execute, quickly, possible, holding, spin, lock, routine, hold, longer, 25, microseconds',
      },
      {
        path: 'windows-driver-docs-pr/devtest/deadlock-detection.md',
        section: 'Causes of Deadlocks',
        focus: 'deadlocks, lock, hierarchy, respected, clear, precedence, one, acquired',
      },
    ],
    readMore: ['windows-driver-docs-pr/kernel/fast-mutexes-and-guarded-mutexes.md'],
  },
  {
    id: 'protecting-shared-data',
    topic: 'One at a time! Protecting shared data from concurrent routines',
    question: 'Which of my driver routines can run at the same time, and what data do I have to protect?',
    leadIn:
      'Assume your driver runs on a multiprocessor system where its routines execute concurrently, and use a lock or an interlocked sequence whenever it changes global data.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/kernel/errors-in-a-multiprocessor-environment.md',
        section: '',
        focus:
          'drivers, receive, multiple, I/O, requests, time, assume, SMP, system, changes, global, file, object, data, use, lock, interlocked, sequence',
      },
      {
        path: 'windows-driver-docs-pr/kernel/multiprocessor-safe.md',
        section: '',
        focus:
          'routine, processing, I/O, requests, executing, one, processor, another, executes, concurrently, drivers, synchronize, access, driver-defined, data',
      },
    ],
    readMore: [
      'windows-driver-docs-pr/kernel/synchronizing-access-to-device-data.md',
      'windows-driver-docs-pr/wdf/using-automatic-synchronization.md',
    ],
  },
  {
    id: 'queue-work-item-once',
    topic: 'Queuing a work item: Once is enough!',
    question: 'Is it safe to call IoQueueWorkItem again before the previous work item has run?',
    leadIn:
      'Never queue a work item a second time while it is still queued; the system takes it off the queue before it runs the worker routine, so from then on it can be queued again.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/kernel/system-worker-threads.md',
        section: '',
        focus: 'call, IoQueueWorkItem, queue, work, item, already, corruption, system, data, structures',
      },
      {
        path: 'windows-driver-docs-pr/kernel/system-worker-threads.md',
        section: '',
        focus: 'worker, thread, removes, work, item, queue, calls, routine, driver, safely, task, list, previously, empty',
      },
      {
        path: 'wdk-ddi-src/content/wdfworkitem/nf-wdfworkitem-wdfworkitemenqueue.md',
        section: 'Remarks',
        focus:
          'versions, 1.7, later, KMDF, reuses, work-item, objects, call, WdfWorkItemEnqueue, system, worker, thread, dequeued, work, item, add, queue, already',
      },
    ],
    readMore: ['wdk-ddi-src/content/wdm/nf-wdm-ioqueueworkitem.md', 'windows-driver-docs-pr/wdf/using-framework-work-items.md'],
  },
  {
    id: 'testing-memory-errors',
    topic: 'Testing for Errors in Accessing and Allocating Memory',
    question: 'How can I catch buffer overruns, use-after-free and leaks in my kernel driver?',
    leadIn:
      'Driver Verifier finds these: special pool catches overruns and access to freed memory, Pool Tracking catches allocations not freed at unload, and Low Resources Simulation fails allocations at random.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/devtest/special-pool.md',
        section: '',
        focus:
          'memory, corruption, accessing, already, freed, allocating, bytes, 1, Driver, Verifier, special, pool, monitors, incorrect, access',
      },
      {
        path: 'windows-driver-docs-pr/devtest/pool-tracking.md',
        section: '',
        focus: 'Pool, Tracking, driver, unloaded, Verifier, ensures, allocations, freed',
      },
      {
        path: 'windows-driver-docs-pr/devtest/low-resources-simulation.md',
        section: '',
        focus: 'Low, Resources, Simulation, fails, random, instances, driver, memory, allocations',
      },
    ],
    readMore: ['windows-driver-docs-pr/devtest/driver-verifier.md'],
  },
  {
    id: 'do-device-initializing',
    topic: 'What does DO_DEVICE_INITIALIZING really do?',
    question: 'Why must I clear DO_DEVICE_INITIALIZING, and when should I do it?',
    leadIn:
      'The I/O manager sets DO_DEVICE_INITIALIZING on each new device object; a function or filter driver clears it in AddDevice after attaching to the stack, which lets higher components open the device object.',
    quotes: [
      // The Flags table of DEVICE_OBJECT. Its DO_DEVICE_INITIALIZING row is cut between two
      // chunks of the Members section, hence two quotes.
      {
        path: 'wdk-ddi-src/content/wdm/ns-wdm-_device_object.md',
        section: 'Members',
        focus: 'DO_DEVICE_INITIALIZING, 0x00000080, I/O, manager, sets, flag, creates, device, object',
      },
      {
        path: 'wdk-ddi-src/content/wdm/ns-wdm-_device_object.md',
        section: 'Members',
        focus: 'device, function, driver, filter, clears, flag, AddDevice, routine, attaches, object, stack, establishes, power, state',
      },
      {
        path: 'windows-driver-docs-pr/battery/creating-an-fdo-in-the-battery-miniclass-driver.md',
        section: '',
        focus: 'clearing, DO_DEVICE_INITIALIZING, flag, allows, device, object, opened, components, higher, stack',
      },
    ],
    readMore: [
      'windows-driver-docs-pr/kernel/adddevice-routines-in-function-or-filter-drivers.md',
      'windows-driver-docs-pr/kernel/initializing-a-device-object.md',
      'wdk-ddi-src/content/wdm/nf-wdm-iocreatedevice.md',
    ],
  },
  {
    id: 'mmprobeandlockpages',
    topic: 'What does MmProbeAndLockPages actually lock?',
    question: 'When I call MmProbeAndLockPages on a user buffer, what exactly stays locked?',
    leadIn:
      'It makes the pages resident, checks they permit the operation, locks them in memory and records the physical pages in the MDL; every successful call needs a matching MmUnlockPages.',
    quotes: [
      {
        path: 'wdk-ddi-src/content/wdm/nf-wdm-mmprobeandlockpages.md',
        section: 'Remarks',
        focus: 'memory, range, paged, backing, store, made, resident, routine, confirms, pages, permit, operation, locks',
      },
      {
        path: 'wdk-ddi-src/content/wdm/nf-wdm-mmprobeandlockpages.md',
        section: 'Remarks',
        focus:
          'updates, page, frame, number, PFN, array, MDL, describe, locked, physical, pages, successful, call, matched, corresponding, MmUnlockPages',
      },
      {
        path: 'wdk-ddi-src/content/wdm/nf-wdm-mmprobeandlockpages.md',
        section: 'Remarks',
        focus: 'calls, MmProbeAndLockPages, enclosed, try/except, block, raises, exceptions',
      },
    ],
    readMore: ['windows-driver-docs-pr/kernel/using-mdls.md', 'wdk-ddi-src/content/wdm/nf-wdm-mmunlockpages.md'],
  },
  {
    id: 'whats-in-an-mdl',
    topic: 'What Is Really in That MDL?',
    question: 'What does an MDL contain, and which parts of it may my driver touch?',
    leadIn:
      'An MDL is an MDL structure followed by an array that describes the physical memory of a buffer, and a driver should directly access only its Next and MdlFlags members.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/kernel/using-mdls.md',
        section: '',
        focus: 'MDL, consists, structure, followed, array, data, describes, physical, memory, I/O, buffer',
      },
      {
        path: 'windows-driver-docs-pr/kernel/using-mdls.md',
        section: '',
        focus: 'MDL, structure, semi-opaque, driver, directly, access, Next, MdlFlags, members, remaining, opaque, use, macros',
      },
    ],
    readMore: [
      'wdk-ddi-src/content/wdm/ns-wdm-_mdl.md',
      'wdk-ddi-src/content/wdm/nf-wdm-mmgetsystemaddressformdlsafe.md',
      'windows-driver-docs-pr/kernel/using-direct-i-o.md',
    ],
  },
  {
    id: 'contiguous-memory',
    topic: 'Where did all that contiguous memory come from?',
    question: 'Where does MmAllocateContiguousMemory get its memory, and when should my driver allocate it?',
    leadIn:
      'Contiguous physical memory is scarce and fragments over time, so allocate it sparingly, once, during driver initialization such as DriverEntry, and reuse it.',
    quotes: [
      {
        path: 'wdk-ddi-src/content/wdm/nf-wdm-mmallocatecontiguousmemory.md',
        section: '',
        focus: 'MmAllocateContiguousMemory, allocates, contiguous, nonpaged, physical, memory, maps, system, address, space',
      },
      {
        path: 'wdk-ddi-src/content/wdm/nf-wdm-mmallocatecontiguousmemory.md',
        section: 'Remarks',
        focus: 'contiguous, physical, memory, short, supply, use, sparingly, allocate, driver, initialization, becomes, fragmented',
      },
      {
        path: 'wdk-ddi-src/content/wdm/nf-wdm-mmallocatecontiguousmemory.md',
        section: 'Remarks',
        focus: 'avoid, repeated, calls, MmAllocateContiguousMemory, allocate, required, contiguous, buffers, DriverEntry, reuse',
      },
    ],
    readMore: [
      'wdk-ddi-src/content/wdm/nf-wdm-mmallocatecontiguousmemoryspecifycache.md',
      'windows-driver-docs-pr/kernel/allocating-system-space-memory.md',
    ],
  },
  {
    id: 'whos-using-the-pool',
    topic: "Who's Using the Pool?",
    question: 'How do I find out which driver is eating or leaking pool memory?',
    leadIn: 'Tag your pool allocations; PoolMon and the !poolused extension then show memory use by pool tag, so a leak points at its tag.',
    quotes: [
      {
        path: 'windows-driver-docs-pr/debugger/using-poolmon-to-find-a-kernel-mode-memory-leak.md',
        section: '',
        focus: 'kernel-mode, memory, leak, PoolMon, determines, pool, tag, associated, monitors, usage',
      },
      {
        path: 'windows-driver-docs-pr/debuggercmds/-poolused.md',
        section: '',
        focus: '!poolused, displays, memory, use, summaries, based, tag, used, pool, allocation',
      },
      {
        path: 'wdk-ddi-src/content/wdm/nf-wdm-exallocatepool2.md',
        section: 'Remarks',
        focus: 'system, associates, pool, tag, allocated, memory, tools, display, buffer',
      },
    ],
    readMore: ['windows-driver-docs-pr/debuggercmds/-poolfind.md'],
  },
];

/** Every page of a tip: the quoted pages first, then the further reading, without repeats. */
export function keyTipPagePaths(tip: KeyTipSource): string[] {
  return [...new Set([...tip.quotes.map((quote) => quote.path), ...tip.readMore])];
}
