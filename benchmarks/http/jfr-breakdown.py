#!/usr/bin/env python3
"""Where an HTTP server's event loop spends its time, from a JFR recording.

Usage: jfr-breakdown.py RECORDING.jfr [JFR_TOOL]   (JFR_TOOL: the jfr binary, default `jfr`)

Reads jdk.ExecutionSample and jdk.NativeMethodSample events of the event-loop thread (names
with "EventLoop"); each sample goes to the first category found walking its stack from the leaf
to the root (so a header lookup made by the aggregator counts for the aggregator, a socket write
made from a flush counts as the write). Prints each category's share and the top self methods.
Record with 1 ms sampling for enough samples (a copy of the JDK's profile.jfc with
method-sampling-java-interval and method-sampling-native-interval set to 1 ms):
  jcmd PID JFR.start settings=fast.jfc filename=eager.jfr; <load>; jcmd PID JFR.stop
Samples in the kernel (native) are counted whether or not the thread was on a CPU: "epoll wait"
is idle time, and on a loaded machine the read and write shares include preemption."""
import json, subprocess, sys, collections
CATS = [
    ("socket write (kernel)", ["sun.nio.ch.SocketChannelImpl.write", "sun.nio.ch.IOUtil.write", "sun.nio.ch.SocketDispatcher.write", "io.netty.channel.epoll.LinuxSocket.write", "io.netty.channel.unix.Socket.write", "io.netty.channel.unix.FileDescriptor.write", "writev", "io.netty.channel.uring"]),
    ("socket read (kernel)", ["sun.nio.ch.SocketChannelImpl.read", "sun.nio.ch.IOUtil.read", "io.netty.channel.unix.FileDescriptor.read"]),
    ("select/epoll wait", ["sun.nio.ch.EPoll", "sun.nio.ch.SelectorImpl", "io.netty.channel.epoll.Native.epollWait", "io.netty.channel.nio.NioIoHandler.select"]),
    ("encoder: EagerResponseEncoder", ["io.reactoreager.netty.EagerResponseEncoder"]),
    ("encoder: Netty HttpObjectEncoder", ["io.netty.handler.codec.http.HttpObjectEncoder", "io.netty.handler.codec.http.HttpResponseEncoder", "io.netty.handler.codec.MessageToMessageEncoder", "io.netty.handler.codec.http.HttpServerCodec$HttpServerResponseEncoder"]),
    ("decoder: StrictRequestDecoder", ["io.reactoreager.netty.StrictRequestDecoder"]),
    ("decoder: Netty HttpObjectDecoder", ["io.netty.handler.codec.http.HttpObjectDecoder", "io.netty.handler.codec.http.HttpRequestDecoder", "io.netty.handler.codec.http.HttpServerCodec$HttpServerRequestDecoder", "io.netty.handler.codec.ByteToMessageDecoder"]),
    ("idle: IdleStateHandler", ["io.netty.handler.timeout.IdleStateHandler"]),
    ("HeaderTimeoutHandler", ["io.reactoreager.netty.HeaderTimeoutHandler"]),
    ("EagerRequestAggregator", ["io.reactoreager.netty.EagerRequestAggregator"]),
    ("EagerHttpRequest", ["io.reactoreager.netty.EagerHttpRequest"]),
    ("user handler (cache lookup)", ["io.reactoreager.benchmarks.http.EagerCacheServer", "io.reactoreager.benchmarks.http.CacheData"]),
    ("EagerHttpServerHandler", ["io.reactoreager.netty.EagerHttpServerHandler", "io.reactoreager.netty.NettyEagerPolicy"]),
    ("raw handler", ["io.reactoreager.benchmarks.http.RawNettyCacheServer"]),
    ("outbound buffer / flush", ["io.netty.channel.ChannelOutboundBuffer", "io.netty.channel.AbstractChannel$AbstractUnsafe.flush", "io.netty.channel.nio.AbstractNioByteChannel", "io.netty.channel.socket.nio.NioSocketChannel.doWrite"]),
    ("allocator", ["io.netty.buffer."]),
    ("pipeline hops", ["io.netty.channel.AbstractChannelHandlerContext", "io.netty.channel.DefaultChannelPipeline", "io.netty.channel.ChannelInboundHandlerAdapter", "io.netty.channel.ChannelDuplexHandler", "io.netty.channel.CombinedChannelDuplexHandler"]),
]
def cat(frames):
    for f in frames:
        for name, prefixes in CATS:
            if any(f.startswith(p) for p in prefixes):
                return name
    return "other (event loop, tasks)"
def frames_of(ev):
    st = ev["values"]["stackTrace"]
    if not st: return []
    out = []
    for fr in st["frames"]:
        m = fr["method"]
        out.append(m["type"]["name"].replace("/", ".") + "." + m["name"])
    return out
path = sys.argv[1]
jfr = sys.argv[2] if len(sys.argv) > 2 else "jfr"
raw = subprocess.run([jfr, "print", "--json", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", path], capture_output=True, text=True).stdout
data = json.loads(raw)
events = data["recording"]["events"]
cats = collections.Counter(); selfm = collections.Counter(); n = 0
for ev in events:
    t = ev["values"].get("sampledThread") or {}
    name = (t.get("javaName") or t.get("osName") or "")
    if "EventLoop" not in name and "eventLoop" not in name and "nioEventLoopGroup" not in name and "-1-1" not in name:
        continue
    fs = frames_of(ev)
    if not fs: continue
    n += 1
    cats[cat(fs)] += 1
    selfm[fs[0]] += 1
print(f"{path}: {n} samples of the event loop thread")
for k, v in cats.most_common():
    print(f"  {100.0*v/n:5.1f}%  {k}")
print("  top self methods:")
for k, v in selfm.most_common(15):
    print(f"  {100.0*v/n:5.1f}%  {k}")
