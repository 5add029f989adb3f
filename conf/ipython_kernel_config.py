# Kernels that execute the book's chapters: log only errors, so the kernel's
# start-up notices do not reach stderr (the strict build treats stderr as a failure).
c = get_config()  # noqa: F821
c.IPKernelApp.log_level = "ERROR"
