package io.reactoreager.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import java.util.Objects;

/**
 * The Netty transport that {@link EagerHttpServer} and {@link EagerHttpClient} run their event
 * loops and sockets on: Netty 4.2's {@code IoHandler}s for NIO, epoll and io_uring.
 *
 * <p>Unless one is forced (the {@code transport(..)} option of the server and the client, or the
 * {@value #PROPERTY} system property: {@code nio}, {@code epoll}, {@code io_uring} or
 * {@code auto}), {@link #preferred()} picks epoll when its native library loads, else io_uring
 * when the kernel allows it, else NIO, which runs everywhere. Forcing a native transport that
 * cannot run here fails at once with an {@link IllegalStateException} naming Netty's reason; it
 * never silently falls back.
 */
public enum NettyTransport {

	/** Java NIO selectors: every platform. */
	NIO(NioIoHandle.class, NioSocketChannel.class, NioServerSocketChannel.class, NioDatagramChannel.class),
	/** Linux epoll through Netty's native library (netty-transport-native-epoll). */
	EPOLL(EpollIoHandle.class, EpollSocketChannel.class, EpollServerSocketChannel.class, EpollDatagramChannel.class),
	/** Linux io_uring through Netty's native library (netty-transport-native-io_uring), where the kernel allows it. */
	IO_URING(IoUringIoHandle.class, IoUringSocketChannel.class, IoUringServerSocketChannel.class,
			IoUringDatagramChannel.class);

	/** The system property that forces a transport: {@code nio}, {@code epoll}, {@code io_uring} or {@code auto}. */
	public static final String PROPERTY = "reactor.eager.netty.transport";

	private final Class<? extends IoHandle> handleType;
	private final Class<? extends SocketChannel> socketChannelType;
	private final Class<? extends ServerSocketChannel> serverChannelType;
	private final Class<? extends DatagramChannel> datagramChannelType;

	NettyTransport(Class<? extends IoHandle> handleType, Class<? extends SocketChannel> socketChannelType,
				   Class<? extends ServerSocketChannel> serverChannelType,
				   Class<? extends DatagramChannel> datagramChannelType) {
		this.handleType = handleType;
		this.socketChannelType = socketChannelType;
		this.serverChannelType = serverChannelType;
		this.datagramChannelType = datagramChannelType;
	}

	/**
	 * The transport used when none is forced: the {@value #PROPERTY} system property when it names
	 * one, otherwise the first of epoll, io_uring and NIO that runs here.
	 *
	 * @return the transport
	 * @throws IllegalArgumentException when the property holds an unknown name
	 * @throws IllegalStateException when the property forces a transport that cannot run here
	 */
	public static NettyTransport preferred() {
		String forced = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
		switch (forced) {
			case "auto":
			case "":
				return auto();
			case "nio":
				return NIO.requireAvailable();
			case "epoll":
				return EPOLL.requireAvailable();
			case "io_uring":
			case "iouring":
			case "io-uring":
				return IO_URING.requireAvailable();
			default:
				throw new IllegalArgumentException(
						"-D" + PROPERTY + " must be nio, epoll, io_uring or auto, was " + forced);
		}
	}

	/** @return epoll when it runs here, else io_uring when it runs here, else NIO */
	static NettyTransport auto() {
		if (EPOLL.isAvailable()) {
			return EPOLL;
		}
		if (IO_URING.isAvailable()) {
			return IO_URING;
		}
		return NIO;
	}

	/**
	 * The transport whose channels run on {@code group}.
	 *
	 * @param group an event loop group; not null
	 * @return the transport of its {@code IoHandler}
	 * @throws IllegalArgumentException when no transport's socket channels can be registered with it
	 */
	public static NettyTransport of(EventLoopGroup group) {
		Objects.requireNonNull(group, "group");
		if (group instanceof IoEventLoopGroup io) {
			for (NettyTransport transport : values()) {
				if (io.isCompatible(transport.handleType)) {
					return transport;
				}
			}
		}
		throw new IllegalArgumentException("no socket transport runs on " + group
				+ ": use a MultiThreadIoEventLoopGroup with a NIO, epoll or io_uring IoHandler");
	}

	/**
	 * The transport a server or client runs on.
	 *
	 * @param forced the transport its options force, or null
	 * @param group the event loop group it was given, or null when it creates its own
	 * @return the group's transport when there is a group, else {@code forced} (checked to run
	 *     here), else {@link #preferred()}
	 * @throws IllegalArgumentException when {@code forced} is not the group's transport
	 * @throws IllegalStateException when {@code forced} cannot run here
	 */
	static NettyTransport select(NettyTransport forced, EventLoopGroup group) {
		if (group != null) {
			NettyTransport actual = of(group);
			if (forced != null && forced != actual) {
				throw new IllegalArgumentException("transport " + forced + " was forced but the event loop group runs " + actual);
			}
			return actual;
		}
		return forced != null ? forced.requireAvailable() : preferred();
	}

	/** @return true when this transport can run in this JVM on this kernel */
	public boolean isAvailable() {
		return unavailabilityCause() == null;
	}

	/** @return why this transport cannot run here (Netty's reason), or null when it can */
	public Throwable unavailabilityCause() {
		switch (this) {
			case EPOLL:
				return Epoll.unavailabilityCause();
			case IO_URING:
				return IoUring.unavailabilityCause();
			default:
				return null;
		}
	}

	/**
	 * @return this transport
	 * @throws IllegalStateException when it cannot run here, with Netty's reason as the cause
	 */
	NettyTransport requireAvailable() {
		Throwable cause = unavailabilityCause();
		if (cause != null) {
			throw new IllegalStateException("the " + this + " transport is not available here: " + cause, cause);
		}
		return this;
	}

	/**
	 * @param threads the number of event loops, 0 for Netty's default (2 × cores)
	 * @return a new event loop group of this transport
	 * @throws IllegalStateException when this transport cannot run here
	 */
	public EventLoopGroup newEventLoopGroup(int threads) {
		if (threads < 0) {
			throw new IllegalArgumentException("threads must be >= 0, was " + threads);
		}
		return new MultiThreadIoEventLoopGroup(threads, requireAvailable().ioHandlerFactory());
	}

	private IoHandlerFactory ioHandlerFactory() {
		switch (this) {
			case EPOLL:
				return EpollIoHandler.newFactory();
			case IO_URING:
				return IoUringIoHandler.newFactory();
			default:
				return NioIoHandler.newFactory();
		}
	}

	/** @return the TCP client channel class */
	public Class<? extends SocketChannel> socketChannelType() {
		return socketChannelType;
	}

	/** @return the TCP server channel class */
	public Class<? extends ServerSocketChannel> serverChannelType() {
		return serverChannelType;
	}

	/** @return the UDP channel class (the DNS resolver's) */
	public Class<? extends DatagramChannel> datagramChannelType() {
		return datagramChannelType;
	}
}
