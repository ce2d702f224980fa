/**
 * The simulation the server runs each tick: players move the way their last
 * input points, coins lie on the field, and a player who reaches one scores
 * and a new coin appears elsewhere.
 */
import type { Rules } from "../shared/rules";
import type { PlayerView } from "../shared/protocol";

interface Player extends PlayerView {
  dx: number;
  dy: number;
}

/** Players and coins on a rectangular field. */
export class World {
  private readonly players = new Map<number, Player>();
  private coins: [number, number][] = [];
  private nextId = 1;

  constructor(private readonly rules: Rules) {
    while (this.coins.length < rules.coins) this.coins.push(this.randomSpot());
  }

  /** Adds a player at a random spot; returns its id. */
  join(name: string): number {
    const [x, y] = this.randomSpot();
    const id = this.nextId++;
    this.players.set(id, { id, name, x, y, score: 0, dx: 0, dy: 0 });
    return id;
  }

  /** Removes a player. */
  leave(id: number): void {
    this.players.delete(id);
  }

  /** Points a player's movement; the direction is normalised, so nobody moves faster. */
  steer(id: number, dx: number, dy: number): void {
    const player = this.players.get(id);
    const length = Math.hypot(dx, dy);
    if (player === undefined || !Number.isFinite(length)) return;
    player.dx = length > 0 ? dx / length : 0;
    player.dy = length > 0 ? dy / length : 0;
  }

  /** Advances the world by `dt` seconds. */
  step(dt: number): void {
    const { width, height, speed, pickupRadius } = this.rules;
    for (const player of this.players.values()) {
      player.x = Math.min(width, Math.max(0, player.x + player.dx * speed * dt));
      player.y = Math.min(height, Math.max(0, player.y + player.dy * speed * dt));
      this.coins = this.coins.map((coin) => {
        if (Math.hypot(coin[0] - player.x, coin[1] - player.y) > pickupRadius) return coin;
        player.score++;
        return this.randomSpot();
      });
    }
  }

  /** What everyone sees. */
  view(): { players: PlayerView[]; coins: [number, number][] } {
    const players = [...this.players.values()].map(({ id, name, x, y, score }) => ({
      id, name, x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, score,
    }));
    return { players, coins: this.coins };
  }

  private randomSpot(): [number, number] {
    return [Math.round(Math.random() * this.rules.width), Math.round(Math.random() * this.rules.height)];
  }
}
