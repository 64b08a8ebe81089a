// Each test class gets its own app and database (see AppFactory), so classes may run in parallel;
// two cores are all CI has, so more threads would only add contention.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
