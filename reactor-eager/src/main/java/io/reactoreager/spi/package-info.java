/**
 * The service-provider interface of reactor-eager: what an adapter module (a transport that owns
 * event loops, such as {@code reactor-eager-netty}) calls so that the core's fairness budget and
 * counters see its loops and its own entry points. Applications do not need it: they use
 * {@link io.reactoreager.Eager}, {@link io.reactoreager.EagerFlux},
 * {@link io.reactoreager.EagerPolicy} and {@link io.reactoreager.EagerStats}.
 *
 * <p>Small on purpose, and free to change between minor releases together with the adapter
 * modules released beside the core.
 */
package io.reactoreager.spi;
